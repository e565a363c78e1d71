import QtQuick
import QtQuick.Layouts
import "../components"

// The catalog version and a forced refresh; the audit chain's verification; storage use and
// the last retention purge.
ColumnLayout {
    id: sys
    spacing: theme.gap / 2
    function lines(mp) {
        return Object.keys(mp || {}).filter(k => k !== "kind").map(k => {
            const v = mp[k]
            return k + "：" + (v !== null && typeof v === "object" ? JSON.stringify(v) : v)
        }).join("\n")
    }
    // catalog
    ColumnLayout {
        visible: maintenance.page === "catalog"
        Layout.fillWidth: true
        KText {
            objectName: "catalogVersion"
            text: qsTr("当前服务目录版本：%1").arg(maintenance.catalog.version !== undefined ? maintenance.catalog.version : "…")
        }
        KButton {
            objectName: "btnCatalogRefresh"
            kind: "primary"
            enabled: maintenance.busy === ""
            text: qsTr("立即更新")
            onClicked: maintenance.refreshCatalog()
        }
    }
    // audit
    ColumnLayout {
        visible: maintenance.page === "audit"
        Layout.fillWidth: true
        Badge {
            objectName: "auditResult"
            visible: maintenance.audit.ok !== undefined
            Layout.fillWidth: true
            tone: maintenance.audit.ok ? "ok" : "error"
            text: maintenance.audit.ok
                  ? qsTr("审计记录完整，签名的链头一致（%1 条）").arg(maintenance.audit.entries !== undefined ? maintenance.audit.entries : "…")
                  : qsTr("审计校验发现问题：") + "\n" + (maintenance.audit.findings || []).join("\n")
        }
        KButton {
            objectName: "btnAuditVerify"
            enabled: maintenance.busy === ""
            text: qsTr("重新校验")
            onClicked: maintenance.verifyAudit()
        }
    }
    // storage
    KText {
        objectName: "storageOverview"
        visible: maintenance.page === "storage"
        text: Object.keys(maintenance.storage).length ? sys.lines(maintenance.storage) : "…"
    }
}
