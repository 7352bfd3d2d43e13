import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_the_code_reads_is_in_env_example():
    code = "\n".join(p.read_text() for p in (ROOT / "src" / "rekindle").rglob("*.py"))
    used = set(re.findall(r"\b(REKINDLE_[A-Z_]+|DATABASE_URL)\b", code))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used - documented == set()
