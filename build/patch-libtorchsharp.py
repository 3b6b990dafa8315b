#!/usr/bin/env python3
"""Marks the GLIBCXX_3.4.32 version need of libLibTorchSharp.so as weak (VER_FLG_WEAK).

TorchSharp 0.107.0 is built with GCC 13 and asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks. The only
symbol bound to it (_ZSt21ios_base_library_initv) is never used, so a weak need lets the loader go on.
Idempotent: a file already patched is left as it is. Arguments: files or folders (searched recursively).
"""
import os
import struct
import sys

TARGET = b"GLIBCXX_3.4.32"
SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def patch(path):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            return "skipped (not a 64-bit little-endian ELF)"
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        for sec in sections:
            if sec[1] != SHT_GNU_VERNEED:
                continue
            strtab_off = sections[sec[6]][4]
            need = sec[4]
            for _ in range(sec[7]):  # sh_info = number of Verneed entries
                _, cnt, _, aux, nxt = struct.unpack_from("<HHIII", data, need)
                a = need + aux
                for _ in range(cnt):
                    _, flags, _, name, anext = struct.unpack_from("<IHHII", data, a)
                    start = strtab_off + name
                    if bytes(data[start:data.index(b"\0", start)]) == TARGET:
                        if flags & VER_FLG_WEAK:
                            return "already patched"
                        struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                        f.seek(0)
                        f.write(data)
                        return "patched"
                    a += anext
                need += nxt
        return "no GLIBCXX_3.4.32 need (nothing to do)"


def main(args):
    files = []
    for arg in args:
        if os.path.isdir(arg):
            for root, _, names in os.walk(arg):
                files += [os.path.join(root, n) for n in names if n == "libLibTorchSharp.so"]
        elif os.path.isfile(arg):
            files.append(arg)
    for path in files:
        print(f"patch-libtorchsharp: {path}: {patch(path)}")


if __name__ == "__main__":
    main(sys.argv[1:])
