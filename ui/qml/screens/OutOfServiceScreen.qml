import QtQuick
import QtQuick.Layouts
import "../components"

// 暂停服务 / Out of service: the kiosk's store is unusable (its data key is missing or does not
// match, or the disk cannot be written). Nothing a resident can do here: the hotline and a note
// for the technician. It takes every touch so that nothing behind it can be reached.
Rectangle {
    id: oos
    objectName: "outOfServiceScreen"
    color: theme.c.bg
    Accessible.role: Accessible.AlertMessage
    Accessible.name: qsTr("暂停服务") + " / Out of service"
    Accessible.description: qsTr("如需帮助，请拨打服务热线 %1").arg(shell.hotline)

    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: theme.targetPx / 2
        KText {
            objectName: "outOfServiceTitle"
            role: "hero"
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("暂停服务")
        }
        KText {  // English beside the Chinese, whatever the language (the English UI has it above)
            role: "title"
            visible: session.language === "zh_CN"
            horizontalAlignment: Text.AlignHCenter
            text: "Out of service"
        }
        KText {
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("本机暂时不能受理业务，已保存的申请不会丢失。请到其他终端或窗口办理。")
        }
        KText {
            objectName: "outOfServiceHotline"
            role: "title"
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("如需帮助，请拨打服务热线 %1").arg(shell.hotline)
        }
        KText {
            role: "small"
            visible: session.language === "zh_CN"
            horizontalAlignment: Text.AlignHCenter
            text: "This terminal cannot take applications now; saved applications are kept. "
                  + "For help call " + shell.hotline + "."
        }
        KText {
            objectName: "outOfServiceReason"
            role: "small"
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("维护人员：%1，请查看 kiosk status").arg(shell.outOfServiceReason)
        }
    }
}
