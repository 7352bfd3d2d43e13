"""When Rekindle gently suggests professional help. Every threshold lives here, with its basis.

CSI-4 (Funk & Rogge 2007) scores range 0–21; scores below 13.5 fall in the range the
authors describe as notable relationship dissatisfaction.
The weekly connection score (1–10) is Rekindle's own question and is not a validated measure:
we only look for a steady fall over several weeks.
"""

CSI4_DISTRESS_BELOW = 13.5
CSI4_DISTRESS_IN_A_ROW = 2  # two monthly measures in a row in the distress range
CONNECTION_FALLING_WEEKS = 4  # this many weekly scores, each lower than the one before
