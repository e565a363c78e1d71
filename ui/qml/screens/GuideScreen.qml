import QtQuick
import QtQuick.Layouts
import "../components"

ScreenPage {
    readonly property var g: catalog.selected
    KText { role: "title"; text: session.language === "en" ? (g.nameEn || "") : (g.name || "") }
    KText { role: "muted"; text: qsTr("实施机构：%1").arg(g.body || "") }
    KText {
        objectName: "zhOnlyNotice"
        role: "muted"
        visible: g.zhOnlyNotice === true
        text: qsTr("部分内容仅提供中文")
    }
    Badge {
        objectName: "windowOnlyNotice"
        visible: g.kioskCanComplete === false
        tone: "warn"
        text: qsTr("此事项须本人到窗口办理（如采集照片、指纹或当面签字），本机不能提交申请。请打印指南，按下面的办理地点和办公时间前往。")
    }
    Card {
        visible: (g.resultLine || "") !== "" || (g.tongbanLine || "") !== ""
        KText { objectName: "guideResult"; visible: (g.resultLine || "") !== ""; text: g.resultLine || "" }
        KText { objectName: "guideTongban"; visible: (g.tongbanLine || "") !== ""; text: g.tongbanLine || "" }
    }
    Card {
        KText { font.bold: true; text: qsTr("办理条件") }
        Repeater {
            model: g.conditions || []
            KText { text: "· " + modelData }
        }
    }
    Card {
        KText { font.bold: true; text: qsTr("需要的材料") }
        Repeater {
            model: g.materials || []
            KText {
                text: "· " + qsTr("%1（%2，%3）").arg(modelData.name).arg(modelData.form).arg(qsTr("%n 份", "", modelData.copies))
                      + (modelData.required ? "" : qsTr("【非必需】"))
                      + (modelData.elicense ? qsTr("【可用电子证照】") : "")
                      + (modelData.mayBeMissing ? qsTr("【可容缺后补】") : "")
            }
        }
    }
    Card {
        KText {
            function span(t) {
                return !t || t.immediate ? qsTr("即时办结")
                     : t.unitKey === "calendar_days" ? qsTr("%n 个自然日", "", t.value)
                     : qsTr("%n 个工作日", "", t.value)
            }
            text: g.promised && g.promised.immediate ? qsTr("办理时限：即时办结")
                  : qsTr("承诺时限：%1（法定 %2）").arg(span(g.promised)).arg(span(g.legal))
        }
        KText { text: g.free ? qsTr("收费：不收费") : qsTr("收费：见下") }
        Repeater {
            model: g.fees || []
            KText { text: "· " + qsTr("%1：%2").arg(modelData.name).arg(qsTr("%1 元").arg(modelData.amount)) }
        }
        KText { text: qsTr("办理地点：%1").arg(g.address || "") }
        KText { text: qsTr("办公时间：%1").arg(g.hours || "") }
        KText { text: qsTr("咨询电话：%1").arg(g.consult || "") }
    }
    Badge {
        visible: catalog.guidePrint !== ""
        tone: catalog.guidePrint === "printed" ? "ok" : catalog.guidePrint === "printing" ? "info" : "warn"
        text: catalog.guidePrint === "printed" ? qsTr("指南已打印，请取走")
              : catalog.guidePrint === "printing" ? qsTr("正在打印…")
              : qsTr("打印机暂时不能打印，请拍照或记下要点")
    }
    actions: [
        KButton {
            objectName: "btnPrintGuide"
            Layout.fillWidth: true
            kind: g.kioskCanComplete === false ? "primary" : "secondary"
            enabled: catalog.guidePrint !== "printing"
            iconName: "printer"
            text: qsTr("打印指南")
            onClicked: catalog.printGuide()
        },
        KButton {
            objectName: "btnApply"
            visible: g.kioskCanComplete !== false
            // below the storage reserve no new application is taken (the strip says why)
            enabled: devices.health.store === undefined || devices.health.store.ok
            kind: "primary"
            Layout.fillWidth: true
            text: qsTr("开始办理")
            onClicked: catalog.startApplying()
        }
    ]
}
