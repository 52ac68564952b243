"""The award kinds in force (DOMAIN.md, Awards), as data the admin edits."""

from django.db import migrations

KINDS = [
    # code, name, subject, giver tier, by the standing committee, level, years, membership years,
    # other conditions
    ("giay-khen-dang-vien-htxsnv", "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ",
     "person", "grassroots", False, "htxsnv", 1, None, ""),
    ("giay-khen-dang-vien-5-nam", "Giấy khen đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền",
     "person", "district", True, "htxsnv", 5, None, ""),
    ("bang-khen-dang-vien-5-nam", "Bằng khen đảng viên hoàn thành xuất sắc nhiệm vụ 5 năm liền",
     "person", "province", True, "htxsnv", 5, None, ""),
    ("giay-khen-to-chuc-dang-htxsnv", "Giấy khen tổ chức đảng hoàn thành xuất sắc nhiệm vụ tiêu biểu",
     "body", "grassroots", False, "htxsnv", 1, None, "Tiêu biểu among those rated HTXSNV."),
    ("giay-khen-to-chuc-dang-5-nam",
     "Giấy khen tổ chức đảng hoàn thành xuất sắc nhiệm vụ tiêu biểu 5 năm liền",
     "body", "district", True, "htxsnv", 5, None, "Tiêu biểu among those rated HTXSNV."),
    ("bang-khen-to-chuc-dang-5-nam",
     "Bằng khen tổ chức đảng hoàn thành xuất sắc nhiệm vụ tiêu biểu 5 năm liền",
     "body", "province", True, "htxsnv", 5, None, "Tiêu biểu among those rated HTXSNV."),
    ("tsvm-tieu-bieu", "Tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu",
     "body", "district", True, "htxsnv", 1, None, ""),
    ("tsvm-tieu-bieu-5-nam", "Tổ chức cơ sở đảng trong sạch, vững mạnh tiêu biểu 5 năm liền",
     "body", "province", True, "htxsnv", 5, None, ""),
    ("huy-hieu-30-nam", "Huy hiệu 30 năm tuổi Đảng", "person", "province", True, "", None, 30, ""),
    ("huy-hieu-40-nam", "Huy hiệu 40 năm tuổi Đảng", "person", "province", True, "", None, 40, ""),
    ("huy-hieu-45-nam", "Huy hiệu 45 năm tuổi Đảng", "person", "province", True, "", None, 45, ""),
    ("huy-hieu-50-nam", "Huy hiệu 50 năm tuổi Đảng", "person", "province", True, "", None, 50, ""),
    ("chien-si-thi-dua-co-so", "Chiến sĩ thi đua cơ sở", "person", "grassroots", False, "", None,
     None, "Chiến sĩ tiên tiến, and one of: HTXSNV, a recognized initiative, accepted research."),
    ("chien-si-tien-tien", "Chiến sĩ tiên tiến", "person", "grassroots", False, "", None, None, ""),
    ("don-vi-vmtd-mau-muc", "Đơn vị vững mạnh toàn diện \"Mẫu mực, tiêu biểu\"", "body",
     "district", False, "", None, None, ""),
    ("co-thi-dua", "Cờ thi đua", "body", "province", False, "", None, None, ""),
]


def seed(apps, schema_editor):
    AwardKind = apps.get_model("ratings", "AwardKind")
    for order, row in enumerate(KINDS, start=1):
        code, name, subject, tier, standing, level, years, membership, conditions = row
        AwardKind.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                subject=subject,
                giver_tier=tier,
                by_standing_committee=standing,
                level=level,
                years=years,
                membership_years=membership,
                conditions=conditions,
                order=order,
            ),
        )


def unseed(apps, schema_editor):
    apps.get_model("ratings", "AwardKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("ratings", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
