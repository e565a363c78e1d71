import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

ScreenPage {
    // where the scanner is on this terminal (configurable per model, [terminal.pictures])
    RowLayout {
        Layout.fillWidth: true
        spacing: theme.gap
        Image {
            objectName: "scannerPicture"
            visible: materials.scannerUsable
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: 150
            Layout.preferredHeight: 220
            source: kioskHeader.pictures.scanner || ""
            sourceSize: Qt.size(300, 440)   // sharp drawings on a dense screen
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("图中亮起的位置是扫描区")
        }
        KText {
            Layout.alignment: Qt.AlignVCenter
            role: "muted"
            text: materials.scannerUsable ? qsTr("请逐项提交。扫描时把材料正面朝下放在扫描区（图中亮起的位置）。")
                                          : qsTr("请逐项提交。")
        }
    }
    Badge {
        visible: !materials.online
        Layout.fillWidth: true
        tone: "warn"
        text: qsTr("现在无法连接电子证照库：请扫描纸质证件。")
    }
    Badge {
        objectName: "scannerUnavailable"
        visible: !materials.scannerUsable
        Layout.fillWidth: true
        tone: "warn"
        text: qsTr("扫描仪暂时不能使用：可以改用电子证照（有的材料可用）、容缺后补（允许的材料），或点“帮办代办”请工作人员协助。")
    }
    KButton {
        objectName: "btnMaterialsHelp"
        visible: !materials.scannerUsable
        Layout.fillWidth: true
        iconName: "help-circle"
        text: qsTr("帮办代办")
        onClicked: materials.askHelp()
    }
    Repeater {
        // over the count: cards stay put (and a pressed button stays pressed) when rows update
        model: materials.rowCount
        Card {
            id: card
            required property int index
            // a card whose row is gone (the list shrank) shows blanks until it is removed
            readonly property var m: materials.rows[index] || ({
                id: "", name: "", required: false, form: "", copies: 0, status: "todo",
                message: "", preview: "", licenseNo: "", licenseName: "", canUseLicense: false,
                elicenseType: false, mayBeMissing: false, supplyBy: "", supplyDays: 0
            })
            KText {
                font.bold: true
                text: card.m.name + (card.m.required ? " *" : qsTr("（非必需）"))
            }
            KText { role: "small"; text: qsTr("%1，%2").arg(card.m.form).arg(qsTr("%n 份", "", card.m.copies)) }
            Badge {
                objectName: "matStatus_" + card.m.id
                tone: card.m.status === "failed" ? "error" : card.m.status === "todo" ? "info"
                      : card.m.status === "scanning" ? "info" : "ok"
                text: card.m.status === "scanned" ? qsTr("已扫描")
                      : card.m.status === "idcard" ? qsTr("已读取身份证")
                      : card.m.status === "elicense" ? qsTr("使用电子证照")
                      : card.m.status === "missing" ? qsTr("容缺后补，请在 %1 前补交").arg(card.m.supplyBy)
                      : card.m.status === "promise" ? qsTr("以告知承诺代替")
                      : card.m.status === "scanning" ? qsTr("正在扫描…")
                      : card.m.status === "failed" ? qsTr("没有扫描成功")
                      : qsTr("还没有提交")
            }
            KText {
                visible: card.m.message !== ""
                role: "error"
                text: qsTr("！ ") + qsTranslate("Materials", card.m.message)
            }
            Image {
                objectName: "preview_" + card.m.id
                visible: card.m.preview !== ""
                source: card.m.preview
                Layout.preferredWidth: 240
                Layout.preferredHeight: 240
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                cache: false
                Accessible.role: Accessible.Graphic
                Accessible.name: qsTr("扫描预览：%1").arg(card.m.name)
            }
            KText {
                visible: card.m.canUseLicense && card.m.status !== "elicense" && card.m.status !== "idcard"
                role: "small"
                text: qsTr("可用电子证照代替：%1").arg(card.m.licenseName)
            }
            Flow {
                Layout.fillWidth: true
                spacing: theme.gap / 2
                KButton {
                    objectName: "btnScan_" + card.m.id
                    width: Math.min(implicitWidth, parent.width)  // wraps, never wider than the card
                    kind: card.m.status === "todo" || card.m.status === "failed" ? "primary" : "secondary"
                    enabled: materials.busy === ""
                    // after the card read it stays on offer (secondary): the paper may be scanned instead
                    visible: materials.scannerUsable && card.m.status !== "elicense"
                             && card.m.status !== "missing" && card.m.status !== "promise"
                    text: card.m.status === "scanned" ? qsTr("重拍") : qsTr("扫描")
                    Accessible.name: (card.m.status === "scanned" ? qsTr("重拍") : qsTr("扫描")) + " " + card.m.name
                    onClicked: materials.scan(card.m.id)
                }
                KButton {
                    objectName: "btnLicense_" + card.m.id
                    width: Math.min(implicitWidth, parent.width)  // wraps, never wider than the card
                    visible: card.m.canUseLicense && card.m.status !== "elicense" && card.m.status !== "idcard"
                    text: qsTr("用电子证照（免提交）")
                    Accessible.name: qsTr("用电子证照代替 %1").arg(card.m.name)
                    onClicked: materials.useLicense(card.m.id)
                }
                KButton {
                    objectName: "btnMissing_" + card.m.id
                    width: Math.min(implicitWidth, parent.width)  // wraps, never wider than the card
                    visible: card.m.mayBeMissing && card.m.status !== "missing" && card.m.status !== "scanned"
                             && card.m.status !== "idcard"
                    text: qsTr("暂时没有，容缺后补（%n 个工作日内）", "", card.m.supplyDays)
                    Accessible.name: qsTr("容缺后补 %1").arg(card.m.name)
                    onClicked: materials.markMissing(card.m.id)
                }
                KButton {
                    objectName: "btnUndo_" + card.m.id
                    width: Math.min(implicitWidth, parent.width)  // wraps, never wider than the card
                    visible: card.m.status === "elicense" || card.m.status === "missing" || card.m.status === "idcard"
                    text: qsTr("撤销")
                    Accessible.name: qsTr("撤销 %1 的选择").arg(card.m.name)
                    onClicked: materials.undo(card.m.id)
                }
            }
        }
    }
    Card {
        visible: materials.commitment.present === true
        KText { font.bold: true; text: qsTr("告知承诺书（请完整阅读）") }
        KText { objectName: "commitmentText"; text: materials.commitment.text || "" }
        KButton {
            objectName: "btnCommit"
            Layout.fillWidth: true
            selected: materials.commitment.confirmed === true
            text: materials.commitment.confirmed ? qsTr("我已阅读并承诺以上内容属实（点此撤回）")
                                                  : qsTr("我已阅读，承诺以上内容属实")
            onClicked: materials.confirmCommitment(!materials.commitment.confirmed)
        }
    }
    actionNotes: [
        KText {
            objectName: "materialsNextReason"
            visible: !materials.canContinue
            role: "small"
            text: qsTr("带 * 的材料都要有着落（扫描、电子证照、容缺或承诺）才能继续。")
        }
    ]
    actions: [
        KButton {
            objectName: "btnMaterialsNext"
            kind: "primary"
            Layout.fillWidth: true
            enabled: materials.canContinue
            text: qsTr("下一步：核对")
            onClicked: materials.next()
        }
    ]
}
