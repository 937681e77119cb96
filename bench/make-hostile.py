#!/usr/bin/env python3
"""Builds litmus's hostile fixtures under DIR (default /tmp/litmus-hostile), for bench/hostile.sh.

Each is a tree an attacker or a messy host could present; all content is inert (comments,
`import os`, version strings). Nothing here is a real payload. Re-running rebuilds only what is
missing.
"""
import base64, hashlib, os, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/litmus-hostile"
SP = "opt/app/venv/lib/python3.11/site-packages"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def record_line(rel, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{rel},sha256={digest},{len(data)}\n"


def venv(root, distinfo="litellm-1.82.6.dist-info", version="1.82.6"):
    write(f"{root}/opt/app/venv/pyvenv.cfg", "home = /usr/bin\nversion = 3.11.7\n")
    write(f"{root}/{SP}/{distinfo}/METADATA", f"Metadata-Version: 2.1\nName: litellm\nVersion: {version}\n")
    write(f"{root}/etc/machine-id", "c0ffee00c0ffee00c0ffee00c0ffee99\n")


def built(name):
    path = os.path.join(out, name)
    if os.path.exists(path + "/.done"):
        return None
    os.makedirs(path, exist_ok=True)
    return path


def done(path):
    write(path + "/.done", "")


# 1. 100,000 identical compromised pins in one 1.6 MB requirements file.
if (p := built("flood")):
    write(f"{p}/requirements.txt", "litellm==1.82.8\n" * 100_000)
    done(p)

# 2. A shrunk install: RECORD lists 5,000 files, 2,000 of them removed.
if (p := built("shrunk")):
    venv(p)
    lines = []
    for i in range(5_000):
        rel = f"litellm/mod{i:05d}.py"
        data = f"# module {i}\n".encode()
        lines.append(record_line(rel, data))
        if i >= 2_000:
            write(f"{p}/{SP}/{rel}", data)
    lines.append("litellm-1.82.6.dist-info/RECORD,,\n")
    write(f"{p}/{SP}/litellm-1.82.6.dist-info/RECORD", "".join(lines))
    done(p)

# 3. A deep tree: 1,900 nested directories (near PATH_MAX) with a pin at the bottom.
if (p := built("deep")):
    d = p
    for _ in range(1_900):
        d = os.path.join(d, "d")
        os.mkdir(d)
    write(f"{d}/requirements.txt", "litellm==1.82.8\n")
    done(p)

# 4. 20,000 unowned .pth files with an import line in one site-packages.
if (p := built("many-pth")):
    venv(p)
    for i in range(20_000):
        write(f"{p}/{SP}/hook{i:05d}.pth", f"import os  # stand-in {i}\n")
    done(p)

# 5. A wide tree: 200,000 files in one directory and 20,000 sibling directories.
if (p := built("wide")):
    os.makedirs(f"{p}/files", exist_ok=True)
    for i in range(200_000):
        open(f"{p}/files/f{i:06d}", "wb").close()
    for i in range(20_000):
        os.makedirs(f"{p}/dirs/d{i:05d}", exist_ok=True)
    done(p)

# 6. A 61 MB RECORD (700,000 rows, under the 64 MiB limit) in litellm's dist-info.
if (p := built("big-record")):
    venv(p)
    data = b"# x\n"
    row = record_line("litellm/m.py", data).split(",", 1)[1]
    with open(f"{p}/{SP}/litellm-1.82.6.dist-info/RECORD", "w") as f:
        for i in range(700_000):
            f.write(f"litellm/pkg{i // 1000:04d}/module_{i:07d}.py,{row}")
    write(f"{p}/{SP}/litellm/m.py", data)
    done(p)

# 7. Eight .pth files just under 8 MiB each: many short lines, an import at the end.
if (p := built("big-pth")):
    venv(p)
    body = b"#\n" * (4_000_000 - 16) + b"import os\n"
    for i in range(8):
        write(f"{p}/{SP}/big{i}.pth", body)
    done(p)

# 8. A dpkg database with 300,000 listed .py paths and their md5sums.
if (p := built("dpkg")):
    venv(p)
    info = f"{p}/var/lib/dpkg/info"
    os.makedirs(info, exist_ok=True)
    for pkg in range(30):
        with open(f"{info}/python3-pkg{pkg:02d}.list", "w") as l, open(f"{info}/python3-pkg{pkg:02d}.md5sums", "w") as m:
            for i in range(10_000):
                path = f"/usr/lib/python3/dist-packages/pkg{pkg:02d}/sub{i // 100:03d}/module_{i:05d}.py"
                l.write(path + "\n")
                m.write(f"{hashlib.md5(path.encode()).hexdigest()}  {path[1:]}\n")
    write(f"{p}/usr/lib/python3/dist-packages/zz_hook.pth", "import os  # stand-in\n")
    done(p)

# 9. 20,000 installed distributions in one site-packages.
if (p := built("many-dists")):
    venv(p)
    for i in range(20_000):
        write(f"{p}/{SP}/pkg{i:05d}-1.0.dist-info/METADATA", f"Metadata-Version: 2.1\nName: pkg{i:05d}\nVersion: 1.0\n")
    done(p)
