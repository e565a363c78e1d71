import QtQuick
import QtQuick.Layouts
import "../components"
import "../components/icons.js" as Icons

// The start screen: what residents come for is one tap away (frequently used services, the
// person and enterprise themes), with 开始办事, 长辈版 and the other services beside them.
ScreenPage {
    id: page
    readonly property bool en: session.language === "en"
    KText { role: "hero"; text: kioskHeader.name; horizontalAlignment: Text.AlignHCenter }
    KText {
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("在这里可以办理常见政务服务，查询办件进度。")
    }
    KButton {
        objectName: "btnStart"
        kind: "primary"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 2, implicitHeight)
        font.pixelSize: theme.heroPx
        iconName: "hand-finger"
        text: qsTr("开始办事")
        Accessible.description: qsTr("搜索或按主题查找要办的事")
        onClicked: session.go("finder")
    }
    KButton {  // 我的空间: identify without an item, then the resident's own space
        objectName: "btnMySpace"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 1.5, implicitHeight)
        font.pixelSize: theme.titlePx
        iconName: "user-circle"
        text: qsTr("我的空间：我的办件、证照和待遇")
        Accessible.description: qsTr("刷证件查看您的办件进度、电子证照和可享受的待遇")
        onClicked: if (mySpace) mySpace.begin()
    }
    KButton {
        objectName: "btnElderEntry"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.max(theme.targetPx * 1.5, implicitHeight)
        font.pixelSize: theme.titlePx
        selected: theme.elder
        iconName: "old"
        text: theme.elder ? qsTr("长辈版已打开（大字、语音）") : qsTr("长辈版（大字、语音）")
        Accessible.name: qsTr("长辈版：大字、高对比、语音播报")
        onClicked: shell.setElder(!theme.elder)
    }

    // 常用服务: tap → the service's guide
    KText {
        visible: catalog.homeFrequent.length > 0
        role: "title"
        text: qsTr("常用服务")
    }
    GridLayout {
        visible: catalog.homeFrequent.length > 0
        Layout.fillWidth: true
        columns: 2
        columnSpacing: theme.gap
        rowSpacing: theme.gap
        Repeater {
            model: catalog.homeFrequent
            KButton {
                objectName: "home_item_" + modelData.code
                Layout.fillWidth: true
                Layout.preferredWidth: 1   // equal columns whatever the text length
                Layout.fillHeight: true
                // normal mode has the room: larger than body text; elder text is large already
                Layout.minimumHeight: theme.targetPx * (theme.elder ? 1.5 : 1.9)
                font.pixelSize: theme.elder ? theme.bodyPx : Math.round(theme.bodyPx * 1.3)
                iconName: Icons.forTheme(modelData.theme || "")
                text: page.en ? modelData.nameEn : modelData.name
                Accessible.description: modelData.body
                onClicked: catalog.openService(modelData.code)
            }
        }
    }

    // 个人办事 / 企业办事 themes: tap → the finder filtered by the theme
    Repeater {
        model: [
            { audience: "person", title: qsTr("个人办事"), themes: catalog.personThemes },
            { audience: "enterprise", title: qsTr("企业办事"), themes: catalog.enterpriseThemes }
        ]
        ColumnLayout {
            id: group
            readonly property string audience: modelData.audience
            visible: modelData.themes.length > 0
            Layout.fillWidth: true
            spacing: theme.gap / 2
            KText { role: "title"; text: modelData.title }
            GridLayout {
                Layout.fillWidth: true
                columns: theme.elder || page.en ? 3 : 4
                columnSpacing: theme.gap / 2
                rowSpacing: theme.gap / 2
                Repeater {
                    model: modelData.themes
                    KButton {
                        objectName: "home_theme_" + group.audience + "_" + modelData.key
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Layout.fillHeight: true
                        Layout.minimumHeight: theme.targetPx * (theme.elder ? 1.3 : 1.6)
                        font.pixelSize: theme.titlePx
                        iconName: Icons.forTheme(modelData.key)
                        iconAbove: true
                        text: page.en ? modelData.labelEn : modelData.label
                        Accessible.description: qsTr("%n 项服务", "", modelData.count)
                        onClicked: catalog.openTheme(group.audience, modelData.key)
                    }
                }
            }
        }
    }
    KText {
        visible: catalog.homeFrequent.length === 0 && catalog.personThemes.length === 0
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("服务目录正在准备，可以先点“开始办事”。")
    }
    KText {
        role: "muted"
        horizontalAlignment: Text.AlignHCenter
        text: qsTr("咨询投诉热线：%1").arg(shell.hotline)
    }
    // always in view at the bottom: progress lookup, 办不成事, 帮办代办
    actions: [
        KButton {
            objectName: "btnStatus"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            iconName: "progress-check"
            text: qsTr("查询办件进度")
            onClicked: session.go("status")
        },
        KButton {
            objectName: "btnProblem"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            iconName: "message-report"
            text: qsTr("办不成事反映")
            onClicked: session.go("problem")
        },
        KButton {
            objectName: "btnHelp"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            iconName: "help-circle"
            text: qsTr("帮办代办")
            Accessible.description: qsTr("请工作人员来帮您办理")
            onClicked: session.go("help")
        }
    ]
}
