#!/usr/bin/env python3
"""Builds a synthetic machine tree for bench/audit.sh: venvs with dist-infos and package
folders, project source trees, and pip/uv caches. Deterministic; about 205,000 files."""
import os, sys

root = sys.argv[1]
venvs, packages, files_per_package = 40, 10, 400

def write(path, text=""):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)

for v in range(venvs):
    env = f"{root}/srv/app{v}/.venv"
    write(f"{env}/pyvenv.cfg", "home = /usr/bin\nversion_info = 3.11.7\n")
    sp = f"{env}/lib/python3.11/site-packages"
    write(f"{sp}/distutils-precedence.pth", "import os\n")
    record = []
    for p in range(packages):
        name = "litellm" if p == 0 else f"pkg{p}"
        di = f"{sp}/{name}-1.{p}.0.dist-info"
        write(f"{di}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.{p}.0\n\nbody\n")
        write(f"{di}/INSTALLER", "pip\n")
        write(f"{di}/WHEEL", "Wheel-Version: 1.0\n")
        empty = "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU,0"
        lines = [f"{name}/sub{i % 20}/m{i}.py,{empty}" for i in range(files_per_package)]
        write(f"{di}/RECORD", "\n".join(lines + [f"{name}-1.{p}.0.dist-info/RECORD,,"]) + "\n")
        for i in range(files_per_package):
            write(f"{sp}/{name}/sub{i % 20}/m{i}.py", "")
    write(f"{sp}/setuptools-69.0.0.dist-info/RECORD", "distutils-precedence.pth,,\n")
for r in range(40):
    for i in range(1000):
        write(f"{root}/home/dev/src/repo{r}/pkg{i % 50}/file{i}.txt", "")
    write(f"{root}/home/dev/src/repo{r}/requirements.txt", "requests==2.0\nlitellm>=1.83\n")
for i in range(2000):
    write(f"{root}/home/dev/.cache/pip/http-v2/{i % 16:x}/{i % 7:x}/entry{i}", "")
for w in range(100):
    for i in range(30):
        write(f"{root}/home/dev/.cache/uv/archive-v0/w{w}/pkg{w}/m{i}.py", "")
    write(f"{root}/home/dev/.cache/uv/archive-v0/w{w}/pkg{w}-1.0.dist-info/METADATA", f"Name: pkg{w}\nVersion: 1.0\n")
count = sum(len(f) for _, _, f in os.walk(root))
print(f"{root}: {count} files")
