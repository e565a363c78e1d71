import QtQuick
import QtQuick.Layouts

// Outside the opening hours the start screen says so once woken (ui/viewmodels/sleep.py): the
// hours, and what still works now — checking an application's progress and reporting a
// problem; applying and asking staff for help wait for the service hours. It covers the start
// screen (the bars above stay: language and display settings) and takes every other touch.
Rectangle {
    objectName: "closedNotice"
    color: theme.c.bg
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("现在不是服务时间") + " / Outside service hours"
    Accessible.description: qsTr("本终端服务时间 %1").arg(screenSleep.hoursText)

    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width * 0.84
        spacing: theme.targetPx / 3
        KText {
            objectName: "closedTitle"
            role: "hero"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("现在不是服务时间")
        }
        KText {
            objectName: "closedHours"
            role: "title"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("本终端服务时间 %1").arg(screenSleep.hoursText)
        }
        KText {  // English beside the Chinese, whatever the language (the English UI has it above)
            role: "small"
            visible: session.language === "zh_CN"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: "Service hours " + screenSleep.hoursText
        }
        KText {
            Layout.fillWidth: true
            Layout.topMargin: theme.gap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("现在仍可以：")
        }
        KButton {
            objectName: "closedStatus"
            Layout.fillWidth: true
            kind: "primary"
            iconName: "search"
            text: qsTr("查询办件进度")
            onClicked: session.go("status")
        }
        KButton {
            objectName: "closedProblem"
            Layout.fillWidth: true
            iconName: "message-report"
            text: qsTr("办不成事反映")
            onClicked: session.go("problem")
        }
        KText {
            objectName: "closedLater"
            Layout.fillWidth: true
            Layout.topMargin: theme.gap
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("申请办事和找工作人员帮办，请在服务时间内来。如需帮助，请拨打服务热线 %1").arg(shell.hotline)
        }
    }
}
