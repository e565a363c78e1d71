"""The A4 printer's self-test page: a one-page PDF written here, with no PDF library (the
standard 14 fonts, ASCII text; a page that needs nothing from the printer but paper)."""

from __future__ import annotations

A4_PT = (595, 842)


def _escape(text: str) -> str:
    text = text.encode("ascii", "replace").decode("ascii")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_pdf(lines: list[str], *, size: int = 14) -> bytes:
    """A one-page A4 PDF with ``lines`` in Helvetica, a frame around the page's printable
    area (so a misaligned or scaled print shows)."""
    w, h = A4_PT
    ops = [f"36 36 {w - 72} {h - 72} re S", "BT", f"/F1 {size} Tf", f"72 {h - 96} Td"]
    for i, line in enumerate(lines):
        if i:
            ops.append(f"0 -{size * 1.6:g} Td")
        ops.append(f"({_escape(line)}) Tj")
    ops.append("ET")
    content = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % (w, h),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def selftest_pdf(kiosk_id: str, when: str) -> bytes:
    """The page ``kiosk selftest`` and ``kiosk device print-pdf --test-page`` print."""
    return text_pdf(
        [
            "Bianmin Kiosk - A4 printer self-test",
            f"Terminal: {kiosk_id}",
            f"Time: {when}",
            "If you can read this page and see its frame, the A4 printer works.",
        ]
    )
