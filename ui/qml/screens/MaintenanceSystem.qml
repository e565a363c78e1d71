import QtQuick
import QtQuick.Layouts
import "../components"

// The catalog version and a forced refresh; the audit chain's verification; storage use and
// the last retention purge.
ColumnLayout {
    id: sys
    spacing: theme.gap / 2
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
            + ((maintenance.audit.notes || []).length ? "\n" + maintenance.audit.notes.join("\n") : "")
        }
        KButton {
            objectName: "btnAuditVerify"
            enabled: maintenance.busy === ""
            text: qsTr("重新校验")
            onClicked: maintenance.verifyAudit()
        }
    }
    // storage
    ColumnLayout {
        visible: maintenance.page === "storage"
        Layout.fillWidth: true
        Badge {
            objectName: "storageOverview"
            visible: maintenance.storage.used !== undefined
            Layout.fillWidth: true
            tone: maintenance.storage.low ? "error" : "ok"
            text: qsTr("数据目录：%1").arg(maintenance.storage.dataDir) + "\n"
                  + qsTr("已用 %1，可用 %2（低于 %3 时暂停受理新申请）").arg(maintenance.storage.used)
                        .arg(maintenance.storage.free).arg(maintenance.storage.reserve)
                  + (maintenance.storage.low ? "\n" + qsTr("空间不足：正在暂停受理") : "")
        }
        KText {
            objectName: "storagePurge"
            visible: maintenance.storage.used !== undefined
            text: maintenance.storage.purgeAt
                  ? qsTr("上次清理：%1（%2）").arg(maintenance.storage.purgeAt).arg(maintenance.storage.purge)
                  : qsTr("还没有清理过")
        }
    }
}
