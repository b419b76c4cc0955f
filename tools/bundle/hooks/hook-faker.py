"""Faker for the bundle: only the providers the demo hall uses (zh_CN, with the en_US
fallbacks Faker loads for providers that have no zh_CN module), not all 90 locales.

Faker lists its providers by reading the folders under the bundle, so the modules are
collected as files too, as the stock hook does."""

import re

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

KEEP = {"zh_CN", "zh", "en_US", "en"}
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def wanted(name: str) -> bool:
    return not any(LOCALE.match(part) and part not in KEEP for part in name.replace("/", ".").split("."))


hiddenimports = [m for m in collect_submodules("faker.providers") if wanted(m)]
datas = collect_data_files("text_unidecode") + [
    (src, dest) for src, dest in collect_data_files("faker.providers", include_py_files=True) if wanted(dest)
]
