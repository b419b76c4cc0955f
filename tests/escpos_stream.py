"""Reading an ESC/POS byte stream back, as a thermal printer would: the lines of text (GB18030
in Chinese mode) with the type size they were printed in, the QR codes stored and printed with
``GS ( k``, paper cuts and real-time status queries. Written from the ESC/POS command reference,
independently of the code that writes the stream."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Printed:
    lines: list[tuple[str, int]] = field(default_factory=list)  # (text, GS ! size byte)
    qr_printed: list[str] = field(default_factory=list)
    cuts: list[int] = field(default_factory=list)  # byte offsets of GS V
    status_queries: list[int] = field(default_factory=list)  # n of each DLE EOT n
    chinese_mode: bool = False
    events: list[str] = field(default_factory=list)  # "text:…", "qr:…", "raster", "cut" in order
    # raster pictures (GS v 0) as (bytes per row, rows, data); consecutive ones before a cut
    # are one picture printed in strips
    rasters: list[list[tuple[int, int, bytes]]] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(t for t, _ in self.lines)

    def pictures(self) -> list:
        """Each raster picture as a PIL image (black dots black), strips joined."""
        from PIL import Image

        out = []
        for strips in self.rasters:
            width = strips[0][0] * 8
            height = sum(rows for _, rows, _ in strips)
            data = b"".join(d for _, _, d in strips)
            # ESC/POS: a set bit is a black dot; PIL mode "1": a set bit is white
            out.append(Image.frombytes("1", (width, height), bytes(b ^ 0xFF for b in data)))
        return out

    def size_of(self, text: str) -> int | None:
        for line, size in self.lines:
            if text in line:
                return size
        return None


def read(stream: bytes) -> Printed:
    out = Printed()
    size = 0
    stored_qr = ""
    text = bytearray()
    text_size = 0
    open_picture = False
    i = 0

    def flush() -> None:
        nonlocal text
        if text:
            line = bytes(text).decode("gb18030" if out.chinese_mode else "ascii")
            out.lines.append((line, text_size))
            out.events.append(f"text:{line}")
            text = bytearray()

    while i < len(stream):
        b = stream[i]
        if b == 0x0A:  # LF: print the line
            flush()
            i += 1
        elif b == 0x1B:  # ESC
            cmd = stream[i + 1]
            if cmd == ord("@"):
                size, i = 0, i + 2
            elif cmd in (ord("a"), ord("E"), ord("!"), ord("d"), ord("M"), ord("-"), ord("t")):
                if cmd == ord("d"):
                    flush()
                i += 3
            else:
                raise ValueError(f"unknown ESC {cmd:#x} at {i}")
        elif b == 0x1C:  # FS
            cmd = stream[i + 1]
            if cmd == ord("&"):
                out.chinese_mode = True
            elif cmd == ord("."):
                out.chinese_mode = False
            else:
                raise ValueError(f"unknown FS {cmd:#x} at {i}")
            i += 2
        elif b == 0x1D:  # GS
            cmd = stream[i + 1]
            if cmd == ord("!"):
                size = stream[i + 2]
                i += 3
            elif cmd == ord("(") and stream[i + 2] == ord("k"):
                length = stream[i + 3] | stream[i + 4] << 8
                body = stream[i + 5:i + 5 + length]
                cn, fn = body[0], body[1]
                if cn == ord("1") and fn == 80:  # store the data (m = '0')
                    stored_qr = body[3:].decode("utf-8")
                elif cn == ord("1") and fn == 81:  # print the stored symbol
                    flush()
                    out.qr_printed.append(stored_qr)
                    out.events.append(f"qr:{stored_qr}")
                i += 5 + length
            elif cmd == ord("v") and stream[i + 2] == ord("0"):
                flush()
                width = stream[i + 4] | stream[i + 5] << 8
                rows = stream[i + 6] | stream[i + 7] << 8
                strip = (width, rows, stream[i + 8:i + 8 + width * rows])
                if open_picture:
                    out.rasters[-1].append(strip)
                else:
                    out.rasters.append([strip])
                    out.events.append("raster")
                open_picture = True
                i += 8 + width * rows
            elif cmd == ord("V"):
                flush()
                open_picture = False
                out.cuts.append(i)
                out.events.append("cut")
                mode = stream[i + 2]
                i += 4 if mode in (65, 66) else 3
            else:
                raise ValueError(f"unknown GS {cmd:#x} at {i}")
        elif b == 0x10 and stream[i + 1] == 0x04:  # DLE EOT n
            out.status_queries.append(stream[i + 2])
            i += 3
        elif b < 0x20:
            raise ValueError(f"unknown control byte {b:#x} at {i}")
        else:
            if not text:
                text_size = size
            text.append(b)
            i += 1
    flush()
    return out
