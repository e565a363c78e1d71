import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    readonly property var r: submission.result
    Badge {
        Layout.fillWidth: true
        tone: "ok"
        text: qsTr("申请已提交并保存")
    }
    KText { text: qsTr("受理编号（请保留）：") }
    KText { objectName: "localRef"; role: "hero"; text: r.localRef || ""; horizontalAlignment: Text.AlignHCenter }
    KText {
        visible: r.online === false
        text: qsTr("现在没有联网，申请已安全保存在本机，联网后自动发送。凭此编号可以查询进度。")
    }
    Image {
        objectName: "receiptQr"
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: 260
        Layout.preferredHeight: 260
        source: shell.qrUrl(r.statusUrl || "")
        cache: false
        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("进度查询二维码")
    }
    KText { role: "small"; horizontalAlignment: Text.AlignHCenter; text: qsTr("可用手机扫码查看进度") }
    // what the paper says, repeated: the 容缺 deadline and what happens next
    KText {
        visible: (r.missing || []).length > 0
        font.bold: true
        text: qsTr("容缺受理，以下材料请在期限前补齐：")
    }
    Repeater {
        model: r.missing || []
        KText {
            objectName: "supplyBy"
            required property var modelData
            text: qsTr("%1：请于 %2 前补齐").arg(modelData.name).arg(modelData.supplyBy)
            Accessible.name: text
        }
    }
    KText {
        visible: (r.missing || []).length > 0
        text: qsTr("逾期未补齐的，本次申请将不予受理。")
    }
    KText {
        objectName: "nextSteps"
        text: (r.timeLimit
               ? (r.office ? qsTr("接下来：由%1审核办理，承诺时限 %2。").arg(r.office).arg(r.timeLimit)
                           : qsTr("接下来：部门审核办理，承诺时限 %1。").arg(r.timeLimit))
               : qsTr("接下来：部门审核办理。"))
              + qsTr("办理进度和结果可凭受理编号或扫码查询。")
        Accessible.name: text
    }
    KText {
        objectName: "receiptDelegation"
        visible: (r.agent || "") !== ""
        text: qsTr("委托人：%1；代办人：%2").arg(r.principal || "").arg(r.agent || "")
        Accessible.name: text
    }
    KText {
        objectName: "handledBy"
        visible: (r.handledBy || "") !== ""
        text: qsTr("办理机关：%1").arg((session.language === "en" ? r.handledByEn : r.handledBy) || "")
        Accessible.name: text
    }
    KText {
        objectName: "resultDelivery"
        visible: (r.delivery || "") !== ""
        text: qsTr("办理结果：%1").arg((session.language === "en" ? r.deliveryEn : r.delivery) || "")
        Accessible.name: text
    }
    Badge {
        objectName: "printState"
        Layout.fillWidth: true
        visible: submission.printState !== ""
        tone: submission.printState === "printed" ? "ok" : submission.printState === "printing" ? "info" : "warn"
        text: submission.printState === "printed" ? qsTr("回执已打印，请取走")
              : submission.printState === "printing" ? qsTr("正在打印回执…")
              : submission.printState === "paper_out" ? qsTr("打印机缺纸，回执没有打印出来。请记下编号或用手机扫码；工作人员换纸后可重新打印。")
              : qsTr("打印机暂时不能打印。请记下编号或用手机扫码保存。")
    }
    actions: [
        KButton {
            objectName: "btnReprint"
            // its slot is kept while the receipt prints, so 下一步 does not move when it is done
            enabled: submission.printState === "paper_out" || submission.printState === "error" || submission.printState === "printed"
                     || submission.printState === "unavailable"
            Layout.fillWidth: true
            iconName: "printer"
            text: qsTr("重新打印")
            onClicked: submission.printReceipt()
        },
        KButton {
            objectName: "btnToRating"
            kind: "primary"
            Layout.fillWidth: true
            enabled: submission.canLeave
            text: qsTr("下一步")
            onClicked: submission.toRating()
        }
    ]
}
