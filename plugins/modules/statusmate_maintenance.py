#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: statusops.status contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: statusmate_maintenance
short_description: Put Statusmate components under maintenance for a window, and restore them after
version_added: 0.1.0
description:
  - Statusmate's page API has no maintenance object, so a maintenance window is a set of components whose impact is
    V(under_maintenance). This module opens such a window and completes it, remembering each component's impact in
    between in a file on the host it runs on, so that a window opened by one C(ansible-playbook) run is completed
    exactly by another (two steps of a deploy pipeline, say).
  - O(state=present) opens the window O(name). It first remembers the impact of each component of O(components) (a
    remembered impact is never overwritten, and V(under_maintenance) is never remembered), then sets each to
    V(under_maintenance). Running it again changes nothing.
  - O(state=completed) sets each component of the window that is still V(under_maintenance) back to its remembered
    impact (a component that was V(partial_outage) goes back to V(partial_outage)), leaves one that someone changed
    during the window as it is and names it in RV(changed_during_window) and in a warning, and forgets the window. Where no impact is
    remembered (the memory file is gone, or the component was under maintenance already when the window opened), it
    sets O(restore_impact) and says so in a warning. Running it again changes nothing.
  - A window owns the live status of its components while it is open, as M(statusops.status.statusmate_component_impacts)
    and the P(statusops.status.alert_status#role) role own it outside windows; M(statusops.status.statusmate_components)
    and the P(statusops.status.statusmate_page#role) role own the page's structure and never reset an impact a window set.
  - The page is read once (on a server whose list items are abbreviated, with one more request per component to
    learn the tree), and every component is found before the first write or the first change of the memory.
  - B(The memory.) One JSON file per window in O(memory_dir), written atomically (a new file, created exclusively
    and never through a link, synced, then renamed over the old one) and readable by its owner alone (mode C(0600)).
    It holds the API URL (without any user or password), the window's name, and each component's uuid, path and
    impact before the window; never the token, nor anything derived from it. The file is named after the window and a
    digest of the API URL and the window's name. The API URL is normalised first (scheme and host in lower case, no
    default port, no trailing slash), so that C(https://Status.example.com:443/) and C(https://status.example.com)
    find the same windows; C(localhost) and C(127.0.0.1) remain two URLs. A component's uuid belongs to one page, so
    two pages served by one API URL never mix their memories, even under one window name; completing a window forgets
    only the components of its own page.
  - B(What the memory trusts.) As ssh does with its files, a memory directory that another user owns, or that its
    group or others may write (mode C(0770), C(0777), C(1777)), is refused before the page is read, naming it, in
    check mode too, as whoever may write there could plant a window or remove one. The directory and each parent the
    module creates are made C(0700).
  - The window's own file is read without following a link; a link, anything but a regular file, a file larger than
    1 MiB or nested deeper than 8 levels, or a file whose API URL or window is not this window's fails the task,
    naming the file, before any write, and nothing is restored from it.
  - Only the regular files of the directory named as the module names them (C(<window>-<16 hex digits>.json)) count
    as other windows; others are ignored. The file of another window that cannot be read (a link, a FIFO, too large,
    too deep, not JSON, not in the module's format) is named in a warning, and, as it may hold any component, no
    component that would be restored is restored; each stays V(under_maintenance) and remembered (named in
    RV(held_by_unreadable_windows)) until that file is mended or removed and the window completed again.
  - B(One run at a time.) Outside check mode, a run reads the page, reads and decides the memory, writes the
    components and saves the memory while it holds an exclusive lock on the file C(.lock) of the directory (an
    C(flock), which a run that ends or dies releases). Two runs on one directory that open or complete windows at
    the same moment take turns, so each finds what the other did, and every component ends where it was before the
    windows. A run waits for the lock 300 seconds at most, then fails saying so, before any write. Check mode takes
    no lock and creates nothing.
  - B(Failures.) Opening saves the memory before the first write; completing forgets it only after its writes. A
    directory that cannot be written fails before any write. A failure to save or forget the memory is an error
    naming the file. A task that fails after it wrote anything (a component or the memory) reports C(changed=true),
    says in its message what it wrote, and returns it in RV(written).
  - B(Two windows.) Windows on one page with different components are independent. When two open windows hold one
    component, the one opened second finds it V(under_maintenance) and takes over the impact the first one
    remembered; completing either window leaves the component under maintenance while the other still holds it
    (named in RV(held_by_other_windows)), and completing the last one restores the impact from before the first
    window. Windows share this knowledge through O(memory_dir), so give both the same directory.
  - B(The memory as data.) Every run returns the window's memory in RV(memory), what the file holds. With
    O(memory_store=result) no file is read or written, no lock is taken and O(memory_dir) is not used; the automation
    engine carries the memory from the job that opens the window to the job that completes it (an AWX or Automation
    Platform workflow through C(ansible.builtin.set_stats), a CI job output), and O(state=completed) takes it back as
    O(memory). Its shape, its API URL and its window name are checked before the page is read, and a memory that is
    not this window's fails naming what does not match.
  - With O(memory_store=result), completing restores exactly the components the memory remembers that are still
    V(under_maintenance); O(restore_impact) is not used, as the memory is never lost. A component that was under
    maintenance already when the window opened (another window holds it) is not remembered, is left as it is, and is
    named in RV(under_maintenance_before) and in a warning. Windows with O(memory_store=result) know nothing of each
    other; each completes what it remembers.
author:
  - statusops.status contributors (@statusops)
extends_documentation_fragment:
  - statusops.status.statusmate
  - statusops.status.http_options
  - statusops.status.attributes
attributes:
  check_mode:
    details: In check mode neither the page nor the memory file is written.
options:
  name:
    description:
      - The window's name, like C(Deploy 2.4.1); the same for opening and completing. Use one name per deploy.
    type: str
    required: true
  components:
    description:
      - The components of the window, each by its path (the names from the top level down to it, joined by C(/), like
        C(Website/CDN) or C(API)) or by its uuid.
      - Required to open a window. When completing, the components the window remembers are restored even if they are
        not listed; list them all the same so that, when the memory is lost, O(restore_impact) still reaches them.
      - A component that is not on the page, or a path that two components share, fails before any write.
    type: list
    elements: str
    default: []
  state:
    description:
      - V(present) opens the window, V(completed) completes it.
    type: str
    choices: [present, completed]
    default: present
  restore_impact:
    description:
      - The impact O(state=completed) sets on a component still V(under_maintenance) whose impact before the window
        is not remembered. A warning names each such component.
    type: str
    choices: [operational, degraded_performance, partial_outage, major_outage]
    default: operational
  memory_dir:
    description:
      - The directory that holds the windows' memory files and their lock, created with its missing parents (each mode
        C(0700)) by the first run that is not in check mode. It must be owned by the user the module runs as and
        writable by no one else; see the description.
      - Set it to a directory a deploy pipeline keeps between its jobs (an artifact, a cache) when the window is opened
        and completed on different machines.
      - If not set, the value of the E(STATUSMATE_MAINTENANCE_DIR) environment variable is used, else
        C(~/.ansible/statusmate_maintenance) in the home directory of the user the module runs as.
    type: path
  memory_store:
    description:
      - Where the window's memory is kept between opening and completing.
      - V(file), a file in O(memory_dir) on the host the module runs on.
      - V(result), nowhere but RV(memory); the playbook or the automation engine hands it to the task that completes
        the window, as O(memory).
    type: str
    choices: [file, result]
    default: file
  memory:
    description:
      - With O(memory_store=result), the RV(memory) that opening the window returned; required with
        O(state=completed). With O(state=present), the memory of an earlier opening of this window, whose
        remembered impacts are kept (opening again changes nothing and returns the same memory).
      - Refused before any request when it is not a memory of this window (its C(window) is not O(name)) of this
        API (its C(api_url) is not O(api_url), compared as the memory file compares them), when it has a key this
        module never writes, or when an impact is not one of V(operational), V(degraded_performance),
        V(partial_outage), V(major_outage). It never holds the token.
      - Refused with O(memory_store=file).
    type: dict
notes:
  - The module runs on the play's host, and the memory file lives there. For this collection that is normally
    C(localhost), the controller; from a play on other hosts, delegate the task to C(localhost) (with C(run_once)),
    so that both steps of a window find the same file.
  - A component path cannot name a component whose name contains C(/); give its uuid.
  - Two runs that open or complete windows at the same moment take turns only when they share one O(memory_dir) on
    one host (on a network file system, one whose locks C(flock) honours).
seealso:
  - module: statusops.status.statusmate_component
  - module: statusops.status.statushub_maintenance
"""

EXAMPLES = r"""
- name: Open the window before the deploy
  statusops.status.statusmate_maintenance:
    name: Deploy 2.4.1
    components:
      - Website/CDN
      - API
    api_token: "{{ statusmate_token }}"

- name: Complete it after the deploy (in the same run, or in another one)
  statusops.status.statusmate_maintenance:
    name: Deploy 2.4.1
    components:
      - Website/CDN
      - API
    state: completed
    api_token: "{{ statusmate_token }}"

- name: Open a window whose memory a CI pipeline keeps as an artifact between two jobs
  statusops.status.statusmate_maintenance:
    name: "Deploy {{ lookup('ansible.builtin.env', 'CI_PIPELINE_ID') }}"
    components: [API]
    memory_dir: "{{ lookup('ansible.builtin.env', 'CI_PROJECT_DIR') }}/.statusmate-windows"
    api_token: "{{ statusmate_token }}"

- name: Open a window whose memory an AWX or Automation Platform workflow carries to the job that completes it
  statusops.status.statusmate_maintenance:
    name: Deploy 2.4.1
    components: [API]
    memory_store: result
    api_token: "{{ statusmate_token }}"
  register: window

- name: Hand the memory on (the workflow passes it to the next job as an extra variable)
  ansible.builtin.set_stats:
    data:
      window_memory: "{{ window.memory }}"

- name: Complete the window in the close job, from the memory alone
  statusops.status.statusmate_maintenance:
    name: Deploy 2.4.1
    state: completed
    memory_store: result
    memory: "{{ window_memory }}"
    api_token: "{{ statusmate_token }}"
"""

RETURN = r"""
remembered:
  description:
    - The impacts the window remembers, by component path, for the components of this page.
    - After O(state=present), what completing will restore; after O(state=completed), what the window remembered
      before it forgot them.
  returned: always
  type: dict
  sample:
    Website/CDN: partial_outage
    API: operational
restored:
  description:
    - The impact each component was set back to by O(state=completed) (in check mode, would be), by path.
    - Empty after O(state=present).
  returned: always
  type: dict
  sample:
    Website/CDN: partial_outage
    API: operational
changed_during_window:
  description:
    - The components that someone set to another impact during the window, by path, with their impact now. They
      were left as they are.
  returned: always
  type: dict
  sample:
    API: major_outage
held_by_other_windows:
  description:
    - The components left under maintenance because another open window still holds them, by path, with the names of
      those windows.
  returned: always
  type: dict
  sample:
    API: [Deploy 2.4.2]
held_by_unreadable_windows:
  description:
    - After O(state=completed), the paths of the components left under maintenance, and remembered, because the file
      of another window cannot be read and that window may hold them. A warning names the file.
  returned: always
  type: list
  elements: str
  sample: [API]
written:
  description:
    - When the task fails after it wrote, the impact each component was set to before the failure, by path.
  returned: on a failure after a write
  type: dict
  sample:
    Website/CDN: under_maintenance
components:
  description:
    - The window's components as they are after the task (in check mode, as they would be), by path, with their impact.
  returned: always
  type: dict
  sample:
    Website/CDN: under_maintenance
    API: under_maintenance
under_maintenance_before:
  description:
    - The paths of the window's components that were under maintenance already when it opened, so that no impact
      before is remembered for them (with O(memory_store=file), one another window holds takes over that window's
      memory and is not listed).
    - After O(state=completed) with O(memory_store=result), those of them still under maintenance, left as they are.
      Empty after O(state=completed) with O(memory_store=file), where such a component cannot be told from one whose
      memory is lost (see O(restore_impact)).
  returned: always
  type: list
  elements: str
  sample: [Website/Search]
memory:
  description:
    - The window's memory after the task (in check mode, as it would be), what its file holds, with either
      O(memory_store). After O(state=completed), what is still remembered (usually no component).
    - With O(memory_store=result), give it to the task that completes the window as O(memory).
    - Also returned by a task that fails after it wrote, with what completing needs.
  returned: success, and on a failure after a write
  type: dict
  contains:
    format:
      description: The memory's format, V(1).
      type: int
    api_url:
      description: The API URL, without any user or password, normalised (see the description).
      type: str
    window:
      description: The window's name, O(name).
      type: str
    components:
      description: By component uuid, its C(path) and its C(impact) before the window.
      type: dict
  sample:
    format: 1
    api_url: https://status.example.com
    window: Deploy 2.4.1
    components:
      0b7c3e52-58ad-4a2f-9d7a-2f6f1c0f5e11:
        path: Website/CDN
        impact: partial_outage
memory_file:
  description:
    - The path of the window's memory file. After O(state=completed) it no longer exists, unless components stay
      remembered for RV(held_by_unreadable_windows).
    - V(null) with O(memory_store=result).
  returned: always
  type: str
  sample: /home/deploy/.ansible/statusmate_maintenance/Deploy-2.4.1-3f1c9a0b5d7e2a64.json
"""

from ansible.module_utils.basic import AnsibleModule, env_fallback

from ansible_collections.statusops.status.plugins.module_utils.common import fail_on_invalid, run
from ansible_collections.statusops.status.plugins.module_utils.statusmate import argument_spec, client
from ansible_collections.statusops.status.plugins.module_utils.statusmate_components import Components
from ansible_collections.statusops.status.plugins.module_utils.statusmate_maintenance import (
    DEFAULT_MEMORY_DIR,
    MEMORY_DIR_ENV,
    MEMORY_STORES,
    RESTORABLE_IMPACTS,
    Memory,
    ResultMemory,
    WindowFailed,
    memory_content,
    read_window_page,
    run_window,
    validation_errors,
)


def window_warnings(params, plan):
    window = params["name"]
    for problem in plan.unreadable:
        yield ("window %r: %s; a window whose memory cannot be read may hold any component, so none is restored "
               "while it is there: mend or remove that file" % (window, problem))
    if plan.held_by_unreadable:
        yield ("window %r: left under maintenance and remembered, as a window whose memory cannot be read may hold "
               "them: %s; complete this window again once that file is mended or removed"
               % (window, ", ".join(plan.held_by_unreadable)))
    if plan.unremembered:
        yield ("window %r: no impact is remembered for %s (the window's memory is gone, or they were under "
               "maintenance before it opened): set restore_impact, %s"
               % (window, ", ".join(plan.unremembered), params["restore_impact"]))
    if plan.under_maintenance_before and params["memory_store"] == "result":
        yield ("window %r: under maintenance already when the window opened (another window holds them), so no "
               "impact is remembered and completing leaves them as they are: %s"
               % (window, ", ".join(plan.under_maintenance_before)))
    if plan.not_on_page and params["memory_store"] == "result":
        yield ("window %r: the memory names components that are not on the page, left alone: %s" % (window, ", ".join(
            "%s (%s)" % item for item in plan.not_on_page)))
    if plan.changed_during_window:
        yield ("window %r: changed during the window, left as they are: %s" % (window, ", ".join(
            "%s (%s)" % (path, impact) for path, impact in sorted(plan.changed_during_window.items()))))


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(
            name=dict(type="str", required=True),
            components=dict(type="list", elements="str", default=[]),
            state=dict(type="str", default="present", choices=["present", "completed"]),
            restore_impact=dict(type="str", default="operational", choices=list(RESTORABLE_IMPACTS)),
            memory_dir=dict(type="path", fallback=(env_fallback, [MEMORY_DIR_ENV])),
            memory_store=dict(type="str", default="file", choices=list(MEMORY_STORES)),
            memory=dict(type="dict"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    components = Components(client(module))
    fail_on_invalid(module, validation_errors(params))
    if params["memory_store"] == "result":
        memory = ResultMemory(params["api_url"], params["name"], params["memory"])
    else:
        memory = Memory(params["memory_dir"] or DEFAULT_MEMORY_DIR, params["api_url"], params["name"])

    def carried(components):
        return memory_content(memory.api_url, memory.window, components)

    def work():
        try:
            plan, changed, diff = run_window(lambda: read_window_page(components), memory, params, module.check_mode)
        except WindowFailed as exc:
            module.fail_json(msg=str(exc), status=getattr(exc.error, "status", None), changed=True,
                             written=exc.written, memory=carried(exc.memory), memory_file=memory.path)
        else:
            for warning in window_warnings(params, plan):
                module.warn(warning)
            return dict(changed=changed, diff=diff, remembered=plan.remembered, restored=plan.restored,
                        changed_during_window=plan.changed_during_window, held_by_other_windows=plan.held,
                        held_by_unreadable_windows=plan.held_by_unreadable,
                        under_maintenance_before=plan.under_maintenance_before,
                        components=diff["after"]["components"], memory=carried(plan.memory), memory_file=memory.path)

    run(module, work)


if __name__ == "__main__":
    main()
