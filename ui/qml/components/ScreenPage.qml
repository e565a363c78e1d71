import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A screen: scrolling content column and a fixed action bar at the bottom.
Item {
    id: page
    default property alias content: col.data
    property alias actions: bar.data
    readonly property int margin: theme.gap * 2
    // back at the top whenever the page is shown again (the start screen is kept, not remade)
    onVisibleChanged: if (visible) flick.contentY = 0
    Flickable {
        id: flick
        objectName: "screenFlick"
        anchors { left: parent.left; right: parent.right; top: parent.top; bottom: barBg.top }
        contentHeight: col.implicitHeight + 2 * page.margin
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { width: 14; policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
        ColumnLayout {
            id: col
            x: page.margin
            y: page.margin
            width: flick.width - 2 * page.margin
            spacing: theme.gap
        }
    }
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
