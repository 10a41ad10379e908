"""The FreeSWITCH importer on a document with a dialplan section, as `ivrkit export --to freeswitch` writes
it: one node per extension destination, the entry first, no remarks; the same menus without the dialplan
section import as before (tests/exporters/test_freeswitch_*.py run the whole round trip)."""

from __future__ import annotations

from pathlib import Path

from ivrkit.importers.freeswitch import IMPORTER

MENUS = """
  <section name="configuration">
    <configuration name="ivr.conf">
      <menus>
        <menu name="main" greet-long="say:Welcome. For sales, press 1." timeout="4000" max-failures="2"
              max-timeouts="2" exec-on-max-failures="transfer bye XML ivrkit"
              exec-on-max-timeouts="transfer bye XML ivrkit" digit-len="1">
          <entry action="menu-exec-app" digits="1" param="transfer sales XML ivrkit"/>
          <entry action="menu-exec-app" digits="9" param="transfer more XML ivrkit"/>
        </menu>
        <menu name="more" greet-long="say:More. Press star to hear this again." max-failures="3"
              exec-on-max-failures="hangup" digit-len="1">
          <entry action="menu-top" digits="*"/>
          <entry action="menu-exec-app" digits="0" param="transfer main XML ivrkit"/>
        </menu>
      </menus>
    </configuration>
  </section>
"""
DIALPLAN = """
  <section name="dialplan">
    <context name="ivrkit">
      <extension name="hello__language" continue="true">
        <condition field="destination_number" expression="^hello$">
          <action application="set" data="default_language=fi" inline="true"/>
        </condition>
      </extension>
      <extension name="hello">
        <condition field="destination_number" expression="^hello$">
          <action application="set" data="tts_engine=flite"/>
          <action application="playback" data="say:Hello there."/>
          <action application="transfer" data="main XML ivrkit"/>
        </condition>
      </extension>
      <extension name="main">
        <condition field="destination_number" expression="^main$">
          <action application="ivr" data="main"/>
        </condition>
      </extension>
      <extension name="more">
        <condition field="destination_number" expression="^more$">
          <action application="ivr" data="more"/>
        </condition>
      </extension>
      <extension name="sales">
        <condition field="destination_number" expression="^sales$">
          <action application="answer"/>
          <action application="sched_transfer" data="+120 bye XML ivrkit"/>
          <action application="callcenter" data="sales@${domain_name}"/>
          <action application="transfer" data="bye XML ivrkit"/>
        </condition>
      </extension>
      <extension name="bye">
        <condition field="destination_number" expression="^bye$">
          <action application="playback" data="say:Goodbye."/>
          <action application="hangup"/>
        </condition>
      </extension>
    </context>
  </section>
"""


def _document(*sections: str) -> str:
    return '<?xml version="1.0"?>\n<document type="freeswitch/xml">' + "".join(sections) + "</document>\n"


def test_an_export_is_read_whole_from_its_dialplan():
    text = _document(MENUS, DIALPLAN)
    assert IMPORTER.detect(text, Path("ivr.xml"))
    imported = IMPORTER.convert(text, Path("ivr.xml"))
    menu, nodes = imported.menu, imported.menu["nodes"]
    assert (menu["entry"], menu["language"]) == ("hello", "fi")
    assert nodes["hello"] == {"type": "message", "say": "Hello there.", "next": "main"}
    assert nodes["main"]["options"] == {"1": {"goto": "sales"}, "9": {"goto": "more"}}
    assert (nodes["main"]["fallback"], nodes["main"]["retries"], nodes["main"]["timeout"]) == ("bye", 1, 4)
    assert nodes["more"]["options"]["*"] == {"action": "repeat"}  # every menu is the top of its own ivr call
    assert nodes["more"]["options"]["0"] == {"goto": "main"}
    assert nodes["sales"] == {"type": "transfer", "queue": "sales", "max_wait": 120, "overflow": "bye"}
    assert nodes["bye"] == {"type": "hangup", "say": "Goodbye."}
    assert imported.remarks == []


def test_the_same_menus_without_a_dialplan_import_as_before():
    imported = IMPORTER.convert(_document(MENUS), Path("ivr.xml"))
    nodes = imported.menu["nodes"]
    assert imported.menu["entry"] == "main"
    assert nodes["more"]["options"]["*"] == {"action": "top"}  # menu-top in a sub-menu: back to the top
    assert nodes["main_1"]["type"] == "transfer" and nodes["main_1"]["number"] == "sales"
    assert any("when the tries run out FreeSWITCH runs `transfer bye XML ivrkit`" in r for r in imported.remarks)


def test_a_document_with_only_a_dialplan_is_an_export_without_menus():
    text = _document(
        DIALPLAN.replace(
            '<action application="transfer" data="main XML ivrkit"/>',
            '<action application="transfer" data="bye XML ivrkit"/>',
        )
    )
    assert IMPORTER.detect(text, Path("ivr.xml"))
    imported = IMPORTER.convert(text, Path("ivr.xml"))
    assert imported.menu["nodes"]["hello"]["next"] == "bye"
