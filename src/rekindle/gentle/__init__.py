"""The gentle start-up helper (practice 7): draft a hard conversation privately, first."""
