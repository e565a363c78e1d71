import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

ScreenPage {
    KField {
        id: search
        name: "search"
        label: qsTr("搜索（可输入汉字、拼音或首字母，如“社保”“shebao”“sb”）")
        text: catalog.query
        onEdited: (t) => catalog.setQuery(t)
        // the Pinyin keyboard holds typed letters as pre-edit until a character is chosen:
        // search on them too, as the resident types
        Connections {
            target: search.input
            function onPreeditTextChanged() {
                // not when the keyboard drops the pre-edit because a result was tapped: the
                // list must not change under the finger
                if (search.input.activeFocus)
                    catalog.searchTyping(search.input.text, search.input.preeditText)
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        spacing: theme.gap
        KButton {
            objectName: "btnAudiencePerson"
            focusPolicy: Qt.TabFocus  // keeps the search field's focus (see below)
            Layout.fillWidth: true
            selected: catalog.audience === "person"
            text: qsTr("个人办事")
            onClicked: catalog.setAudience("person")
        }
        KButton {
            objectName: "btnAudienceEnterprise"
            focusPolicy: Qt.TabFocus  // keeps the search field's focus (see below)
            Layout.fillWidth: true
            selected: catalog.audience === "enterprise"
            text: qsTr("企业办事")
            onClicked: catalog.setAudience("enterprise")
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: theme.gap / 2
        KButton {
            objectName: "btnFrequent"
            focusPolicy: Qt.TabFocus  // keeps the search field's focus (see below)
            selected: catalog.theme === "" && catalog.query === ""
            text: qsTr("常用")
            onClicked: catalog.showFrequent()
        }
        Repeater {
            model: catalog.themes
            KButton {
                objectName: "theme_" + modelData.key
                focusPolicy: Qt.TabFocus  // keeps the search field's focus (see below)
                width: Math.min(implicitWidth, parent.width)
                selected: catalog.theme === modelData.key
                text: session.language === "en" ? modelData.labelEn : modelData.label
                onClicked: catalog.pickTheme(modelData.key)
            }
        }
    }
    KText {
        visible: catalog.results.length === 0
        text: qsTr("没有找到相关事项。可以换个说法，或点“办不成事反映”告诉我们。")
    }
    Repeater {
        model: catalog.results
        KButton {
            objectName: "item_" + modelData.code
            // a tap must not take the focus from the search field: the Pinyin keyboard would
            // commit its pre-edit, the list would be remade under the finger (and Qt crashed)
            focusPolicy: Qt.TabFocus
            Layout.fillWidth: true
            text: (session.language === "en" ? modelData.nameEn : modelData.name) + "\n"
                  + (session.language === "en" ? (modelData.bodyEn || modelData.body) : modelData.body)
            align: Text.AlignLeft
            onClicked: catalog.select(modelData.code)
        }
    }
    actions: [
        KButton {
            objectName: "btnFinderProblem"
            Layout.fillWidth: true
            text: qsTr("找不到？反映一下")
            onClicked: session.go("problem")
        }
    ]
}
