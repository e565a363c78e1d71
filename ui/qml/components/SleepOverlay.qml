import QtQuick

// The sleeping screen (ui/viewmodels/sleep.py): black over everything, outside the opening
// hours or after a while with nobody at the terminal. A touch wakes it; the touch is taken here
// and never reaches a button beneath. The display itself stays on (no DPMS or backlight
// control: docs/fleet.md).
Rectangle {
    id: overlay
    objectName: "sleepOverlay"
    color: "black"
    visible: screenSleep.asleep
    Accessible.role: Accessible.Button
    Accessible.name: qsTr("轻触屏幕唤醒") + " / Touch to wake"
    onVisibleChanged: if (visible) Qt.inputMethod.hide()

    MouseArea {
        objectName: "sleepWake"
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
        Accessible.role: Accessible.Button
        Accessible.name: qsTr("轻触屏幕唤醒") + " / Touch to wake"
        onPressed: screenSleep.wakeByTouch()
    }
}
