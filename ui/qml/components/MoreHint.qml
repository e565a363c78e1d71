import QtQuick

// Touch lists scroll by dragging: no desktop scroll bar. Instead, while more content follows
// below, the list's bottom edge fades and a "more below" label sits on it; the top edge fades
// while there is content above. Only a picture: taps go through to what is under it. Put it
// in the Flickable's parent, after the Flickable.
Item {
    id: hint
    property Flickable flick
    property color fadeColor: theme.c.bg   // the colour behind the list
    readonly property bool moreBelow: flick !== null && flick.contentHeight - flick.contentY - flick.height > 2
    readonly property bool moreAbove: flick !== null && flick.contentY > 2
    readonly property color clear: Qt.rgba(fadeColor.r, fadeColor.g, fadeColor.b, 0)
    x: flick ? flick.x : 0
    y: flick ? flick.y : 0
    width: flick ? flick.width : 0
    height: flick ? flick.height : 0
    z: 5
    Rectangle {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: theme.gap * 2
        visible: hint.moreAbove
        gradient: Gradient {
            GradientStop { position: 0.0; color: hint.fadeColor }
            GradientStop { position: 1.0; color: hint.clear }
        }
    }
    Rectangle {
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: pill.height + theme.gap * 2
        visible: hint.moreBelow
        gradient: Gradient {
            GradientStop { position: 0.0; color: hint.clear }
            GradientStop { position: 0.7; color: hint.fadeColor }
            GradientStop { position: 1.0; color: hint.fadeColor }
        }
    }
    Rectangle {
        id: pill
        objectName: "moreBelow"
        visible: hint.moreBelow
        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: theme.gap / 2 }
        width: Math.min(moreText.implicitWidth + 2 * theme.gap, parent.width - 2 * theme.gap)
        height: moreText.implicitHeight + theme.gap / 2
        radius: height / 2
        color: theme.c.surface
        border.width: theme.outlineWidth
        border.color: theme.c.outline
        Accessible.role: Accessible.StaticText
        Accessible.name: qsTr("下面还有内容，向上滑动查看")
        Text {
            id: moreText
            anchors.centerIn: parent
            width: Math.min(implicitWidth, pill.parent.width - 4 * theme.gap)
            text: "▼ " + qsTr("下面还有，向上滑动查看")
            color: theme.c.text
            font.pixelSize: theme.smallPx
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            textFormat: Text.PlainText
        }
    }
}
