import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    KText { role: "title"; text: qsTr("您对本次服务满意吗？") }
    KText { role: "muted"; text: qsTr("评价自愿，可以直接跳过。") }
    Repeater {
        model: rating.levels
        KButton {
            objectName: "rate_" + modelData.value
            Layout.fillWidth: true
            selected: rating.rating === modelData.value
            text: (session.language === "en" ? modelData.labelEn : modelData.label)
            onClicked: rating.choose(modelData.value)
        }
    }
    KText {
        visible: rating.needsReason
        font.bold: true
        text: qsTr("请告诉我们哪里不满意（至少选一项），我们会跟进整改：")
    }
    Flow {
        visible: rating.needsReason
        Layout.fillWidth: true
        spacing: theme.gap / 2
        Repeater {
            model: rating.reasonOptions
            KButton {
                objectName: "reason_" + modelData.key
                selected: rating.reasons.indexOf(modelData.key) >= 0
                text: (session.language === "en" ? modelData.labelEn : modelData.label)
                onClicked: rating.toggleReason(modelData.key)
            }
        }
    }
    // Optional details (分项评价, 意见, 联系电话): closed unless the resident asks for them.
    KButton {
        objectName: "btnRatingMore"
        visible: rating.rating > 0
        Layout.fillWidth: true
        selected: rating.more
        text: rating.more ? qsTr("收起补充评价") : qsTr("补充分项评价和意见（可不填）")
        onClicked: rating.toggleMore()
    }
    Repeater {
        model: rating.more ? rating.dimensionOptions : []
        ColumnLayout {
            id: dim
            readonly property string key: modelData.key
            readonly property string dimLabel: session.language === "en" ? modelData.labelEn : modelData.label
            Layout.fillWidth: true
            spacing: theme.gap / 4
            KText {
                font.bold: true
                text: dim.dimLabel + (rating.dimensions[dim.key] ? qsTr("：%1 分").arg(rating.dimensions[dim.key]) : qsTr("：未评"))
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: theme.gap / 2
                Repeater {
                    model: 5
                    KButton {
                        readonly property int score: index + 1
                        objectName: "dim_" + dim.key + "_" + score
                        Layout.fillWidth: true
                        selected: rating.dimensions[dim.key] === score
                        text: score
                        Accessible.name: qsTr("%1 %2 分").arg(dim.dimLabel).arg(score)
                        onClicked: rating.setDimension(dim.key, score)
                    }
                }
            }
        }
    }
    KText {
        visible: rating.more
        role: "small"
        text: qsTr("1 分最低，5 分最高；再点一次可以取消。")
    }
    KField {
        visible: rating.more
        name: "ratingComment"
        label: qsTr("意见和建议（可不填，最多 500 字）")
        text: rating.comment
        input.maximumLength: 500
        onEdited: (t) => rating.setComment(t)
    }
    KField {
        visible: rating.more
        name: "ratingContact"
        label: qsTr("联系电话（可不填，便于回访）")
        hints: Qt.ImhDialableCharactersOnly
        text: rating.contact
        error: rating.contactInvalid ? qsTr("电话号码不对，请检查，或者不填。") : ""
        onEdited: (t) => rating.setContact(t)
    }
    Badge {
        visible: rating.state === "error"
        tone: "error"
        text: qsTr("评价没有保存成功，可以再试或跳过。")
    }
    actionNotes: [
        KText {
            objectName: "sendRatingReason"
            visible: rating.contactInvalid
            role: "error"
            text: qsTr("！ ") + qsTr("电话号码不对：改正或清空后才能提交评价。")
        }
    ]
    actions: [
        KButton {
            objectName: "btnSkipRating"
            Layout.fillWidth: true
            text: qsTr("跳过")
            onClicked: rating.skip()
        },
        KButton {
            objectName: "btnSendRating"
            kind: "primary"
            Layout.fillWidth: true
            enabled: rating.canSend
            text: qsTr("提交评价")
            onClicked: rating.send()
        }
    ]
}
