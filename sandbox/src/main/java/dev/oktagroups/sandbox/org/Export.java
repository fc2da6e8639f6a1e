package dev.oktagroups.sandbox.org;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The whole org as one JSON document, for the control API's export: what tests and people inspect
 * after a run. Unlike {@link Views}, whose shapes are Okta's and checked against its spec, this
 * document is the sandbox's own: each object as Okta shows it, plus what Okta shows nowhere, such
 * as how each member got into a group and what each app's directory holds.
 */
final class Export {
  private Export() {}

  /**
   * The document, read under the org lock so it shows one state of the org. Memberships carry how
   * each member got in.
   */
  static ObjectNode of(Views views, Org org) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    synchronized (org) {
      ArrayNode us = o.putArray("users");
      org.allUsers().forEach(u -> us.add(views.user(u)));
      ArrayNode gs = o.putArray("groups");
      for (Group g : org.allGroups()) {
        ObjectNode go = views.group(g, false);
        ArrayNode members = go.putArray("members");
        g.members.forEach(
            (uid, m) -> {
              ObjectNode mo = members.addObject();
              mo.put("userId", uid);
              org.findUser(uid).ifPresent(u -> mo.put("login", u.login()));
              mo.put("type", m.type());
              mo.put("direct", m.direct);
              ArrayNode rs = mo.putArray("rules");
              m.rules.forEach(rs::add);
            });
        gs.add(go);
      }
      ArrayNode rs = o.putArray("rules");
      org.allRules().forEach(r -> rs.add(views.rule(r, true)));
      ArrayNode as = o.putArray("apps");
      for (App a : org.allApps()) {
        ObjectNode ao = views.app(a);
        ArrayNode d = ao.putArray("downstream");
        org.downstream(a.id).forEach(x -> d.add(views.downstream(x)));
        as.add(ao);
      }
      ArrayNode asg = o.putArray("assignments");
      for (Assignment a : org.allAssignments()) {
        asg.add(views.assignment(a, false).put("appId", a.appId));
      }
      ArrayNode ms = o.putArray("pushMappings");
      for (PushMapping m : org.allMappings()) {
        ms.add(views.mapping(m).put("appId", m.appId));
      }
    }
    return o;
  }
}
