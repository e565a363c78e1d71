import QtQuick
import QtQuick.Layouts
import "../components"

// Maintenance mode: the technician's screens (overview, self-tests, configuration, outbox,
// catalog, audit, storage, export). 退出维护 wipes everything shown here, like a session.
ScreenPage {
    id: page
    function m(x) { return x && x.text ? (x.arg !== "" ? qsTranslate("Maintenance", x.text).arg(x.arg) : qsTranslate("Maintenance", x.text)) : "" }
    readonly property var pageTitles: ({
        overview: qsTr("设备概况"), selftest: qsTr("自检"), config: qsTr("配置"),
        outbox: qsTr("待发队列"), catalog: qsTr("服务目录"), audit: qsTr("审计校验"),
        storage: qsTr("存储"), export: qsTr("导出支持包")
    })
    KText {
        objectName: "maintenanceWho"
        role: "muted"
        text: qsTr("已进入维护模式（%1）。离开时本次显示的内容全部清除。").arg(page.m(maintenance.technician))
    }
    Flow {
        Layout.fillWidth: true
        spacing: theme.gap / 2
        Repeater {
            model: maintenance.pages
            KButton {
                objectName: "maintTab_" + modelData
                selected: maintenance.page === modelData
                text: page.pageTitles[modelData]
                onClicked: maintenance.showPage(modelData)
            }
        }
    }
    KText { role: "title"; text: page.pageTitles[maintenance.page] }
    Badge {
        objectName: "maintBusy"
        visible: maintenance.busy !== ""
        Layout.fillWidth: true
        text: qsTr("正在处理，请稍候……")
    }
    Badge {
        objectName: "maintResult"
        visible: text !== ""
        Layout.fillWidth: true
        tone: "info"
        text: page.m(maintenance.result)
    }
    MaintenanceOverview { visible: maintenance.page === "overview"; Layout.fillWidth: true }
    MaintenanceSelftest { visible: maintenance.page === "selftest"; Layout.fillWidth: true }
    MaintenanceConfig { visible: maintenance.page === "config"; Layout.fillWidth: true }
    MaintenanceOutbox { visible: maintenance.page === "outbox"; Layout.fillWidth: true }
    MaintenanceSystem { visible: ["catalog", "audit", "storage"].indexOf(maintenance.page) >= 0; Layout.fillWidth: true }
    MaintenanceExport { visible: maintenance.page === "export"; Layout.fillWidth: true }
    actions: [
        KButton {
            objectName: "btnMaintenanceExit"
            Layout.fillWidth: true
            kind: "primary"
            text: qsTr("退出维护")
            Accessible.description: qsTr("退出维护模式，清除本次显示的内容，回到首页")
            onClicked: maintenance.exit()
        }
    ]
}
