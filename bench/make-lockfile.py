#!/usr/bin/env python3
"""Writes a synthetic lockfile of about N MiB for bench/lockfile.sh: `uv` (uv.lock layout:
registry source, dependencies, sdist and 24 wheels with url/hash/size/upload-time per package)
or `poetry` (lock-version 2.1 layout: files with hashes, [package.dependencies]).
litellm 1.82.7 is the last package but one. Never written into the repository."""
import hashlib
import sys

kind, path, mib = sys.argv[1], sys.argv[2], float(sys.argv[3])
target = int(mib * (1 << 20))
PLATFORMS = ["manylinux_2_17_x86_64.manylinux2014_x86_64", "manylinux_2_17_aarch64.manylinux2014_aarch64",
             "macosx_11_0_arm64", "macosx_10_9_x86_64", "win_amd64", "musllinux_1_2_x86_64"]


def h(s):
    return hashlib.sha256(s.encode()).hexdigest()


def wheels(name, version):
    us = name.replace("-", "_")
    return [f"{us}-{version}-{py}-{py}-{p}.whl" for py in ["cp310", "cp311", "cp312", "cp313"] for p in PLATFORMS]


def url(file):
    d = h(file)
    return f"https://files.pythonhosted.org/packages/{d[:2]}/{d[2:4]}/{d[4:64]}/{file}"


def uv_package(name, version, deps):
    sdist = f"{name.replace('-', '_')}-{version}.tar.gz"
    out = [f'[[package]]\nname = "{name}"\nversion = "{version}"\nsource = {{ registry = "https://pypi.org/simple" }}\n']
    if deps:
        out.append("dependencies = [\n" + "".join(f'    {{ name = "{d}" }},\n' for d in deps) + "]\n")
    out.append(f'sdist = {{ url = "{url(sdist)}", hash = "sha256:{h(sdist)}", size = 123456, upload-time = "2025-01-01T00:00:00.000Z" }}\n')
    out.append("wheels = [\n" + "".join(
        f'    {{ url = "{url(w)}", hash = "sha256:{h(w)}", size = 654321, upload-time = "2025-01-01T00:00:00.000Z" }},\n'
        for w in wheels(name, version)) + "]\n\n")
    return "".join(out)


def poetry_package(name, version, deps):
    sdist = f"{name.replace('-', '_')}-{version}.tar.gz"
    out = [f'[[package]]\nname = "{name}"\nversion = "{version}"\ndescription = "A synthetic package"\noptional = false\n'
           f'python-versions = ">=3.9"\ngroups = ["main"]\nfiles = [\n']
    out += [f'    {{file = "{f}", hash = "sha256:{h(f)}"}},\n' for f in wheels(name, version) + [sdist]]
    out.append("]\n\n")
    if deps:
        out.append("[package.dependencies]\n" + "".join(f'{d} = ">=1.0"\n' for d in deps) + "\n")
    return "".join(out)


package = uv_package if kind == "uv" else poetry_package
with open(path, "w") as f:
    head = 'version = 1\nrevision = 2\nrequires-python = ">=3.10"\n\n' if kind == "uv" else ""
    f.write(head)
    written, i = len(head), 0
    while written < target - 40000:
        block = package(f"package-{i}", f"1.0.{i}", [f"package-{i + 1}", f"package-{i + 2}"])
        f.write(block)
        written += len(block)
        i += 1
    f.write(package("litellm", "1.82.7", ["package-0"]))
    if kind == "uv":
        f.write(package("six", "1.17.0", []))
    else:
        f.write(f'[metadata]\nlock-version = "2.1"\npython-versions = ">=3.9"\ncontent-hash = "{h("x")}"\n')
