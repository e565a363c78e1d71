"""Generate ``sample_a4_200dpi.png``: an A4 page at 200 dpi, greyscale, that looks like a real
document a resident would scan (a certificate with a form table, Chinese text, a seal and a
signature) — the SANE ``test`` backend stops at 200×200 mm, so compression of a true A4 page
is proven on this image. Run once; the PNG is committed. Scanner noise and uneven lighting
are added by the tests (seeded), not stored, to keep the file small.

    .venv/bin/python tests/output_devices/data/make_sample_document.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

W, H = 1654, 2339  # 210 × 297 mm at 200 dpi
FONT = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
FONT_B = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SC = 2  # Simplified Chinese face in the collections


def f(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=SC)


def main() -> None:
    img = Image.new("L", (W, H), 236)
    d = ImageDraw.Draw(img)
    title = f(FONT_B, 64)
    body = f(FONT, 34)
    small = f(SANS, 26)
    d.text((W // 2, 190), "亲属关系证明", font=title, fill=20, anchor="mm")
    d.text((W - 180, 290), "编号：京朝证字〔2026〕第0815号", font=small, fill=40, anchor="rm")
    # form table
    x0, x1, y = 150, W - 150, 360
    rows = [
        ("姓名", "张三", "性别", "男"),
        ("公民身份号码", "11010519491231002X", "民族", "汉"),
        ("出生日期", "1949年12月31日", "婚姻状况", "已婚"),
        ("户籍地址", "北京市朝阳区建国路八十八号院三号楼二单元五〇一室", "", ""),
        ("关系人姓名", "李四", "与本人关系", "配偶"),
        ("关系人证件号码", "110105195003150048", "", ""),
    ]
    rh = 92
    d.rectangle([x0, y, x1, y + rh * len(rows)], outline=30, width=3)
    for i, (a, b, c, e) in enumerate(rows):
        yy = y + i * rh
        if i:
            d.line([x0, yy, x1, yy], fill=30, width=2)
        d.line([x0 + 300, yy, x0 + 300, yy + rh], fill=30, width=2)
        d.text((x0 + 150, yy + rh // 2), a, font=body, fill=25, anchor="mm")
        if c:
            d.line([x0 + 820, yy, x0 + 820, yy + rh], fill=30, width=2)
            d.line([x0 + 1060, yy, x0 + 1060, yy + rh], fill=30, width=2)
            d.text((x0 + 940, yy + rh // 2), c, font=body, fill=25, anchor="mm")
            d.text((x0 + 1100, yy + rh // 2), e, font=body, fill=25, anchor="lm")
        d.text((x0 + 330, yy + rh // 2), b, font=body, fill=25, anchor="lm")
    y += rh * len(rows) + 90
    text = (
        "兹证明张三（公民身份号码11010519491231002X）与李四（公民身份号码110105195003150048）"
        "系夫妻关系。经核查本机关户籍档案及婚姻登记信息，上述人员户籍信息真实有效，"
        "二人于一九七五年三月十日在北京市朝阳区民政局登记结婚，现婚姻关系存续。"
        "本证明仅用于办理社会保险待遇相关事项，复印无效，涂改无效。"
        "如对本证明内容有异议，请于收到之日起十五个工作日内向出具机关提出书面复核申请，"
        "逾期未提出的，视为无异议。特此证明。"
    )
    line, lines = "", []
    maxw = x1 - x0 - 68
    for ch in text:
        if d.textlength(line + ch, font=body) > maxw:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    for i, ln in enumerate(lines):
        d.text((x0 + (68 if i == 0 else 0), y), ln, font=body, fill=22)
        y += 62
    y += 60
    notes = [
        "附注：",
        "1. 本证明自出具之日起三个月内有效。",
        "2. 办事群众可通过政务服务网或自助终端扫描二维码核验本证明真伪。",
        "3. 咨询电话：12345（政务服务便民热线）。",
    ]
    for n in notes:
        d.text((x0, y), n, font=small, fill=45)
        y += 46
    # seal: a ring with text around and a star, printed in red → mid grey in a grey scan
    cx, cy, r = W - 430, H - 560, 170
    for k in range(6):
        d.ellipse([cx - r + k, cy - r + k, cx + r - k, cy + r - k], outline=120)
    seal_font = f(FONT_B, 34)
    label = "北京市朝阳区公安分局建国门派出所"
    for i, ch in enumerate(label):
        ang = math.radians(200 + i * (140 / (len(label) - 1)))
        px, py = cx + (r - 40) * math.cos(ang), cy + (r - 40) * math.sin(ang)
        d.text((px, py), ch, font=seal_font, fill=115, anchor="mm")
    pts = []
    for i in range(10):
        rad = 48 if i % 2 == 0 else 19
        a = math.radians(-90 + i * 36)
        pts.append((cx + rad * math.cos(a), cy + 10 + rad * math.sin(a)))
    d.polygon(pts, fill=118)
    d.text((cx, cy + 105), "户籍专用章", font=seal_font, fill=118, anchor="mm")
    d.text((W - 200, H - 420), "二〇二六年十一月二十日", font=body, fill=25, anchor="rm")
    d.text((x0, H - 420), "经办人：", font=body, fill=25)
    # a handwritten-looking signature stroke
    pts = [
        (x0 + 150 + t * 3, H - 400 + 18 * math.sin(t / 9) + 6 * math.sin(t / 2.3))
        for t in range(90)
    ]
    d.line(pts, fill=35, width=4, joint="curve")
    d.text((W // 2, H - 120), "第 1 页 共 1 页", font=small, fill=70, anchor="mm")
    out = Path(__file__).with_name("sample_a4_200dpi.png")
    img.save(out, optimize=True, dpi=(200, 200))
    print(out, out.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
