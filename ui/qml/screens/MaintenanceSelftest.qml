import QtQuick
import QtQuick.Layouts
import "../components"

// Self-tests: one device or all of them; each result by device, failures named, the scanned
// page shown.
ColumnLayout {
    id: st
    spacing: theme.gap / 2
    readonly property var labels: ({
        id_reader: qsTr("身份证读卡器"), ssc_reader: qsTr("社保卡读卡器"), qr_reader: qsTr("扫码器"),
        printer: qsTr("打印机"), scanner: qsTr("扫描仪"), voice: qsTr("语音播报"), platform: qsTr("政务平台与时钟")
    })
    readonly property var failed: maintenance.selftest.filter(r => !r.passed)
    KButton {
        objectName: "btnSelftestAll"
        kind: "primary"
        Layout.fillWidth: true
        enabled: maintenance.busy === ""
        text: qsTr("全部自检")
        onClicked: maintenance.runSelftest("")
    }
    Flow {
        Layout.fillWidth: true
        spacing: theme.gap / 2
        Repeater {
            model: maintenance.devices
            KButton {
                objectName: "btnSelftest_" + modelData
                enabled: maintenance.busy === ""
                text: st.labels[modelData] || modelData
                onClicked: maintenance.runSelftest(modelData)
            }
        }
    }
    Badge {
        objectName: "selftestSummary"
        visible: maintenance.selftest.length > 0
        Layout.fillWidth: true
        tone: st.failed.length === 0 ? "ok" : "error"
        text: st.failed.length === 0
              ? qsTr("%1 项自检全部通过").arg(maintenance.selftest.length)
              : qsTr("未通过：%1").arg(st.failed.map(r => qsTranslate("Maintenance", r.label)).join("、"))
    }
    Repeater {
        model: maintenance.selftest
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Badge {
                objectName: "selftest_" + modelData.name
                Layout.fillWidth: true
                tone: modelData.passed ? "ok" : "error"
                text: qsTranslate("Maintenance", modelData.label) + (session.language === "en" ? ": " : "：")
                      + (modelData.skipped ? qsTr("已跳过") : modelData.passed ? qsTr("通过") : qsTr("未通过"))
                      + (modelData.detail ? (session.language === "en" ? " (" : "（") + modelData.detail + (session.language === "en" ? ")" : "）") : "")
                      + (modelData.needsPerson ? " · " + qsTr("需要人在场") : "")
            }
            Image {
                objectName: "selftestImage_" + modelData.name
                visible: modelData.image !== ""
                source: modelData.image
                Layout.preferredWidth: Math.min(parent.width, 360)
                Layout.preferredHeight: visible ? Layout.preferredWidth * 1.3 : 0
                fillMode: Image.PreserveAspectFit
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("扫描到的测试页")
            }
        }
    }
}
