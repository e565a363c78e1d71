import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// Display settings (显示设置): four text sizes and three colour schemes, and 长辈版. What the
// resident picks stays for the whole session (also after 首页) and is reset when it ends.
Rectangle {
    id: dlg
    objectName: "displaySettings"
    signal closed()
    color: "#99000000"
    MouseArea { anchors.fill: parent; Accessible.ignored: true }
    Rectangle {
        anchors.centerIn: parent
        width: parent.width - 2 * theme.gap
        height: Math.min(parent.height - 2 * theme.gap, flick.contentHeight)
        radius: theme.radius
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        Flickable {
            id: flick
            anchors.fill: parent
            contentHeight: col.implicitHeight + 4 * theme.gap
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ColumnLayout {
                id: col
                x: 2 * theme.gap
                y: 2 * theme.gap
                width: flick.width - 4 * theme.gap
                spacing: theme.gap
                KText { role: "title"; text: qsTr("显示设置") }
                KText { text: qsTr("文字大小") ; font.bold: true }
                GridLayout {
                    Layout.fillWidth: true
                    columns: 2
                    columnSpacing: theme.gap
                    rowSpacing: theme.gap
                    Repeater {
                        model: [qsTr("标准"), qsTr("大"), qsTr("更大"), qsTr("特大")]
                        KButton {
                            objectName: "btnSize" + index
                            Layout.fillWidth: true
                            Layout.preferredWidth: 1
                            // each sample at its own size, capped so that the pane still fits
                            font.pixelSize: Math.min(theme.sizes[index], theme.bodyPx + 8)
                            selected: theme.sizeIndex === index
                            text: modelData
                            Accessible.name: qsTr("文字大小：%1").arg(modelData)
                            onClicked: theme.setSize(index)
                        }
                    }
                }
                KText { text: qsTr("颜色"); font.bold: true }
                Repeater {
                    model: [
                        { key: "standard", label: qsTr("标准颜色") },
                        { key: "light", label: qsTr("高对比：白底黑字") },
                        { key: "dark", label: qsTr("高对比：黑底白字") }
                    ]
                    KButton {
                        objectName: "btnScheme_" + modelData.key
                        Layout.fillWidth: true
                        selected: theme.scheme === modelData.key
                        text: modelData.label
                        onClicked: theme.setScheme(modelData.key)
                    }
                }
                KButton {
                    objectName: "btnElder"
                    Layout.fillWidth: true
                    selected: theme.elder
                    text: qsTr("长辈版（大字、语音）")
                    Accessible.name: theme.elder ? qsTr("切换到标准版") : qsTr("切换到长辈版：大字、高对比、语音")
                    onClicked: shell.setElder(!theme.elder)
                }
                KText {
                    role: "small"
                    text: qsTr("这些设置在您办完离开后自动恢复。")
                }
                KButton {
                    objectName: "btnDisplayDone"
                    kind: "primary"
                    Layout.fillWidth: true
                    text: qsTr("完成")
                    onClicked: dlg.closed()
                }
            }
        }
        MoreHint { flick: flick; fadeColor: theme.c.surface }
    }
}
