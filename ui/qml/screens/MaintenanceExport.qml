import QtQuick
import QtQuick.Layouts
import "../components"

// Export for support: logs (masked), health, configuration without secrets and the audit
// head, one archive signed with the terminal key, to a USB drive or the platform.
ColumnLayout {
    spacing: theme.gap / 2
    KText { role: "muted"; text: qsTr("导出的内容：日志（已脱敏）、设备状态、配置（不含密钥）、审计链头。整个文件用本机密钥签名。") }
    KButton {
        objectName: "btnExportUsb"
        Layout.fillWidth: true
        enabled: maintenance.busy === ""
        text: qsTr("导出到U盘")
        onClicked: maintenance.exportSupport("usb")
    }
    KButton {
        objectName: "btnExportPlatform"
        Layout.fillWidth: true
        enabled: maintenance.busy === ""
        text: qsTr("上传到政务平台")
        onClicked: maintenance.exportSupport("platform")
    }
    Badge {
        objectName: "exportResult"
        visible: maintenance.exportResult.kind !== undefined
        Layout.fillWidth: true
        tone: maintenance.exportResult.kind === "ok" ? "ok" : "error"
        text: tone === "ok"
              ? qsTr("导出完成：%1（%2，SHA-256 %3…）").arg(maintenance.exportResult.location)
                    .arg(maintenance.exportResult.size).arg(maintenance.exportResult.sha256)
              : qsTr("导出没有完成：%1").arg(maintenance.exportResult.reason
                    + (maintenance.exportResult.detail ? " " + maintenance.exportResult.detail : ""))
                + "\n" + qsTr("没有留下看似完整的文件")
    }
}
