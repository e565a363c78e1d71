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
    KText {
        objectName: "outboxCounts"
        text: Object.keys(ob.counts).length === 0 ? qsTr("待发队列为空")
              : Object.keys(ob.counts).map(k => k + "：" + ob.counts[k]).join("　")
    }
    KText {
        objectName: "outboxOldest"
        visible: !!maintenance.outbox.oldest_pending
        text: qsTr("最早待发：%1").arg(maintenance.outbox.oldest_pending || "")
    }
    Repeater {
        model: ob.rows
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Badge {
                Layout.fillWidth: true
                tone: modelData.state === "quarantined" || modelData.state === "rejected" ? "warn" : "info"
                text: (modelData.ref || modelData.local_ref || "") + " · " + (modelData.state || "")
                      + (modelData.reason ? "\n" + qsTr("原因：%1").arg(modelData.reason) : "")
            }
            KButton {
                objectName: "btnRetry_" + (modelData.ref || modelData.local_ref || index)
                visible: modelData.state === "quarantined" || modelData.state === "rejected"
                enabled: maintenance.busy === ""
                text: qsTr("重试")
                Accessible.name: qsTr("重试 %1").arg(modelData.ref || modelData.local_ref || "")
                onClicked: maintenance.retry(modelData.ref || modelData.local_ref || "")
            }
        }
    }
}
