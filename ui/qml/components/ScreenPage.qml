import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A screen: a step indicator on the application journey's screens, a content column that
// scrolls by dragging (no scroll bar; a "more below" hint while more follows) and a fixed
// action bar at the bottom.
Item {
    id: page
    default property alias content: col.data
    property alias actions: bar.data
    // "第 2 步，共 5 步": set by the session from the screen (0 = not on the journey); the strip
    // keeps its height on every journey screen, so nothing below it moves between steps
    property int step: session ? session.journeyStep : 0
    property int steps: session ? session.journeyLength : 5
    readonly property int margin: theme.gap * 2
    // back at the top whenever the page is shown again (the start screen is kept, not remade)
    onVisibleChanged: if (visible) flick.contentY = 0
    Rectangle {
        id: stepBar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: page.step > 0 ? stepText.implicitHeight + theme.gap : 0
        visible: page.step > 0
        color: theme.c.surface
        Row {
            id: stepDots
            anchors { right: parent.right; rightMargin: page.margin; verticalCenter: parent.verticalCenter }
            spacing: theme.gap / 2
            Repeater {
                model: page.steps
                Rectangle {
                    width: theme.smallPx * 0.7
                    height: width
                    radius: width / 2
                    color: index < page.step ? theme.c.primary : "transparent"
                    border.width: 2
                    border.color: index < page.step ? theme.c.primary : theme.c.outline
                }
            }
        }
        Text {
            id: stepText
            objectName: "stepIndicator"
            anchors { left: parent.left; leftMargin: page.margin; right: stepDots.left; rightMargin: theme.gap; verticalCenter: parent.verticalCenter }
            text: qsTr("第 %1 步，共 %2 步").arg(page.step).arg(page.steps)
            color: theme.c.text
            font.pixelSize: theme.smallPx
            font.bold: true
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
    }
    Flickable {
        id: flick
        objectName: "screenFlick"
        anchors { left: parent.left; right: parent.right; top: stepBar.bottom; bottom: barBg.top }
        contentHeight: col.implicitHeight + 2 * page.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        // a touch list: scrolled by dragging, no desktop scroll bar (MoreHint shows what follows)
        ColumnLayout {
            id: col
            x: page.margin
            y: page.margin
            width: flick.width - 2 * page.margin
            spacing: theme.gap
        }
    }
    MoreHint { flick: flick }
    Rectangle {
        id: barBg
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: bar.children.length > 0 ? bar.implicitHeight + 2 * theme.gap : 0
        color: theme.c.surface
        border.width: 1
        border.color: theme.c.outline
        RowLayout {
            id: bar
            x: page.margin
            width: parent.width - 2 * page.margin
            anchors.verticalCenter: parent.verticalCenter
            spacing: theme.gap
        }
    }
}
