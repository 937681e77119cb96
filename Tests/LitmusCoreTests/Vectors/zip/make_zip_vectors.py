# Regenerates the zip test vectors (run from this directory):
#   python3 make_zip_vectors.py
# Real archives come from Python's zipfile (also via `python3 -m zipfile -c`)
# and Info-ZIP `zip`; corrupted ones are patched copies of wheel.zip.
import io, os, shutil, struct, subprocess, tempfile, zipfile

DT = (2026, 3, 1, 12, 0, 0)
FILES = {
    "litellm/__init__.py": b"# litellm test fixture\nfrom ._version import version\n",
    "litellm/_version.py": b'version = "1.82.6"\n',
    "litellm-1.82.6.dist-info/METADATA": b"Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.6\n",
    "litellm-1.82.6.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: litmus-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    "litellm-1.82.6.dist-info/RECORD": b"",
}

def write_zip(path, comment=b"", open_kwargs=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in FILES.items():
            info = zipfile.ZipInfo(name, DT)
            info.compress_type = zipfile.ZIP_DEFLATED
            if open_kwargs is None:
                zf.writestr(info, data)
            else:
                with zf.open(info, "w", **open_kwargs) as f:
                    f.write(data)
        zf.comment = comment

def eocd_offset(data):
    return data.rindex(b"PK\x05\x06")

def patch(src, dst, fmt, rel, value):
    data = bytearray(open(src, "rb").read())
    struct.pack_into(fmt, data, eocd_offset(data) + rel, value)
    open(dst, "wb").write(bytes(data))

write_zip("wheel.zip")
write_zip("comment.zip", comment=b"litmus: archive comment")
# A comment that itself contains a plausible end record: Python's zipfile
# would pick the fake one, so litmus must refuse the archive as ambiguous.
fake = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0, 0, 0, 0, 0)
write_zip("comment-fake-eocd.zip", comment=b"prefix " + fake + b" suffix")
write_zip("zip64-local.zip", open_kwargs={"force_zip64": True})

# Full ZIP64 (extra fields in the central directory, ZIP64 end record and
# locator): lower zipfile's limits so small archives use every ZIP64 structure.
saved = (zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT)
zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = 0, 0
try:
    write_zip("zip64.zip", open_kwargs={"force_zip64": True})
finally:
    zipfile.ZIP64_LIMIT, zipfile.ZIP_FILECOUNT_LIMIT = saved

with zipfile.ZipFile("empty.zip", "w"):
    pass

# Archives made by the command-line tools.
tmp = tempfile.mkdtemp()
for name, data in FILES.items():
    os.makedirs(os.path.join(tmp, os.path.dirname(name)), exist_ok=True)
    with open(os.path.join(tmp, name), "wb") as f:
        f.write(data)
    os.utime(os.path.join(tmp, name), (1772366400, 1772366400))
here = os.getcwd()
subprocess.run(["python3", "-m", "zipfile", "-c", os.path.join(here, "pyzipfile-cli.zip"),
                "litellm", "litellm-1.82.6.dist-info"], cwd=tmp, check=True)
for f in ("infozip.zip", "infozip-stream.zip"):
    if os.path.exists(f):
        os.remove(f)
subprocess.run(["zip", "-q", "-X", "-r", os.path.join(here, "infozip.zip"),
                "litellm", "litellm-1.82.6.dist-info"], cwd=tmp, check=True)
# Streaming from stdin makes Info-ZIP write ZIP64 sizes and a data descriptor.
subprocess.run(["zip", "-q", "-X", os.path.join(here, "infozip-stream.zip"), "-"],
               input=FILES["litellm-1.82.6.dist-info/METADATA"], check=True)
shutil.rmtree(tmp)

# Truncated copies.
whole = open("wheel.zip", "rb").read()
open("truncated-tail.zip", "wb").write(whole[:-10])
open("truncated-half.zip", "wb").write(whole[: len(whole) // 2])

# Hand-corrupted end records (offsets relative to the "PK\5\6" signature).
patch("wheel.zip", "lying-count.zip", "<H", 10, len(FILES) + 1)        # total entries
patch("lying-count.zip", "lying-count.zip", "<H", 8, len(FILES) + 1)   # entries on disk
patch("wheel.zip", "huge-count.zip", "<H", 10, 0xFFFF)
patch("huge-count.zip", "huge-count.zip", "<H", 8, 0xFFFF)
patch("wheel.zip", "offset-past-eof.zip", "<I", 16, len(whole) + 1000)
patch("wheel.zip", "size-past-eof.zip", "<I", 12, len(whole) * 4)
# Last central entry's name length enlarged so the name runs past the directory.
data = bytearray(whole)
last = data.rindex(b"PK\x01\x02")
struct.pack_into("<H", data, last + 28, 400)
open("name-overrun.zip", "wb").write(bytes(data))
# Two central entries pointing at the same local header: overlapping data.
data = bytearray(whole)
first = data.index(b"PK\x01\x02")
second = data.index(b"PK\x01\x02", first + 4)
struct.pack_into("<I", data, second + 42, struct.unpack_from("<I", data, first + 42)[0])
open("overlap.zip", "wb").write(bytes(data))

for f in sorted(os.listdir(".")):
    if f.endswith(".zip"):
        try:
            with zipfile.ZipFile(f) as zf:
                print(f, os.path.getsize(f), "python reads", len(zf.infolist()), "entries")
        except Exception as e:
            print(f, os.path.getsize(f), "python error:", e)
