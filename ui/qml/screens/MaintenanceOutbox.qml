import QtQuick
import QtQuick.Layouts
import "../components"

// The outbox: counts by state, the oldest pending row, rejected and quarantined rows with
// their reasons; 重试 sends one again.
ColumnLayout {
    id: ob
    spacing: theme.gap / 2
    readonly property var counts: maintenance.outbox.counts || ({})
    readonly property var rows: maintenance.outbox.rows || []
    readonly property var stateNames: ({
        pending: qsTr("待发"), sending: qsTr("发送中"), retry: qsTr("等待重试"), sent: qsTr("已发送"),
        rejected: qsTr("被平台拒绝"), quarantined: qsTr("已隔离")
    })
    function stateName(k) { return ob.stateNames[k] || k }
    KText {
        objectName: "outboxCounts"
        text: Object.keys(ob.counts).length === 0 ? qsTr("待发队列为空")
              : Object.keys(ob.counts).map(k => ob.stateName(k) + (session.language === "en" ? ": " : "：") + ob.counts[k]).join(session.language === "en" ? "   " : "　")
    }
    KText {
        objectName: "outboxOldest"
        visible: maintenance.outbox.oldestMin !== undefined && maintenance.outbox.oldestMin >= 0
        text: qsTr("最早一条待发已等待 %1 分钟").arg(maintenance.outbox.oldestMin)
    }
    Repeater {
        model: ob.rows
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Badge {
                objectName: "outboxRow_" + modelData.ref
                Layout.fillWidth: true
                tone: modelData.state === "quarantined" || modelData.state === "rejected" ? "warn" : "info"
                text: modelData.ref + " · " + modelData.kind + " · " + ob.stateName(modelData.state)
                      + " · " + qsTr("已尝试 %1 次").arg(modelData.attempts)
                      + "\n" + qsTr("原因：%1").arg(modelData.code + (modelData.reason ? " " + modelData.reason : ""))
            }
            KButton {
                objectName: "btnRetry_" + modelData.ref
                visible: modelData.state === "quarantined"
                enabled: maintenance.busy === ""
                text: qsTr("重试")
                Accessible.name: qsTr("重试 %1").arg(modelData.ref)
                onClicked: maintenance.retry(modelData.ref)
            }
        }
    }
}
