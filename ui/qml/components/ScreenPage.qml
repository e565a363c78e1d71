import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A screen: a step indicator on the application journey's screens, a content column that
// scrolls by dragging (no scroll bar; a "more below" hint while more follows) and a fixed
// action bar at the bottom.
// Nothing moves under the finger: the buttons sit on the bottom edge of the action bar, and the
// bar grows upwards only (for its notes, the reasons a button is grey); the on-screen keyboard
// opens above the bar (Main.qml), so it neither covers nor shifts them; the content scrolls
// above the keyboard.
Item {
    id: page
    default property alias content: col.data
    property alias actions: bar.data
    // reserved space just above the buttons: why a button is grey, a short status of the step
    property alias actionNotes: notes.data
    // for Main.qml: the keyboard opens just above the action bar
    readonly property real footerHeight: barBg.height
    readonly property real keyboardHeight: Window.window && Window.window.keyboardHeight !== undefined
                                           ? Window.window.keyboardHeight : 0
    // "第 2 步，共 5 步": set by the session from the screen (0 = not on the journey); the strip
    // keeps its height on every journey screen, so nothing below it moves between steps
    property int step: session ? session.journeyStep : 0
    property int steps: session ? session.journeyLength : 5
    readonly property int margin: theme.gap * 2
    // back at the top whenever the page is shown again (the start screen is kept, not remade)
    onVisibleChanged: if (visible) flick.contentY = 0
    // the field being typed into stays in sight above the keyboard
    function revealFocus() {
        const it = Window.activeFocusItem
        if (!it || page.keyboardHeight <= 0 || !visible)
            return
        let p = it
        while (p && p !== col)
            p = p.parent
        if (!p)
            return
        const top = it.mapToItem(col, 0, 0).y + page.margin
        const maxY = Math.max(0, flick.contentHeight - flick.height)
        if (top < flick.contentY)
            flick.contentY = Math.max(0, top - theme.gap)
        else if (top + it.height > flick.contentY + flick.height)
            flick.contentY = Math.min(top + it.height - flick.height + theme.gap, maxY)
    }
    onKeyboardHeightChanged: Qt.callLater(revealFocus)
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
        anchors.bottomMargin: page.keyboardHeight
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
        readonly property real notesHeight: notes.implicitHeight > 0 ? notes.implicitHeight + theme.gap : 0
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: bar.children.length > 0 ? bar.implicitHeight + 2 * theme.gap + notesHeight : 0
        color: theme.c.surface
        border.width: 1
        border.color: theme.c.outline
        ColumnLayout {
            id: notes
            x: page.margin
            width: parent.width - 2 * page.margin
            anchors { bottom: bar.top; bottomMargin: theme.gap }
            spacing: theme.gap / 2
        }
        RowLayout {
            id: bar
            x: page.margin
            width: parent.width - 2 * page.margin
            anchors { bottom: parent.bottom; bottomMargin: theme.gap }
            spacing: theme.gap
            // equal slots: a button that takes another's place (取消 → 再试一次) takes its size too
            uniformCellSizes: true
        }
    }
}
