#!/usr/bin/env python3
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Benchmark: training enrollment, progress and re-certification at scale.

Creates (inside one transaction that is rolled back at the end) a program of
two courses, N channel partners with two portal contacts each, then measures:
the stage change that enrolls every contact automatically (compared with the
same stage change without training), the progress refresh of every
enrollment after half of the contacts finished the courses (which issues
their certifications), the per-partner progress compute and the daily
re-certification cron. Prints rates and SQL query counts; the query counts
of the refresh and of the partner progress must not depend on N.

Usage (the database needs prm_training installed):

    python tests/bench_training.py -c odoo.conf -d mydb [-n 500]

or with PRM_ODOO_CONFIG / PRM_BENCH_DB / PRM_BENCH_PARTNERS in the
environment. Run it with the Python of the Odoo environment.
"""

import time
from datetime import timedelta

import bench_common


def build(env, size):
    """A program and ``size`` applicant partners with two portal contacts each."""
    from odoo import Command

    from odoo.addons.prm_training.tests.common import course_values

    def course(name, lessons):
        return env["slide.channel"].create(course_values(name, lessons))

    courses = course("Benchmark Selling", 3) | course("Benchmark Product", 2)
    cert_type = env["prm.certification.type"].create(
        {"name": "Benchmark Training Certification", "validity_months": 12}
    )
    program = env["prm.training.program"].create(
        {
            "name": "Benchmark Program",
            "certification_type_id": cert_type.id,
            "is_required": True,
            "lead_days": 30,
            "course_line_ids": [
                Command.create({"channel_id": channel.id}) for channel in courses
            ],
        }
    )
    partners = env["res.partner"].create(
        [
            {
                "name": f"Benchmark Training Partner {index:05d}",
                "is_company": True,
                "prm_is_partner": True,
                "prm_stage": "applicant",
            }
            for index in range(size)
        ]
    )
    portal = env.ref("base.group_portal")
    contacts = env["res.partner"].create(
        [
            {
                "name": f"{partner.name} seller {seat}",
                "parent_id": partner.id,
                "email": f"bench.training.{partner.id}.{seat}@example.com",
            }
            for partner in partners
            for seat in (1, 2)
        ]
    )
    env["res.users"].with_context(no_reset_password=True).create(
        [
            {
                "partner_id": contact.id,
                "login": contact.email,
                "groups_id": [Command.set(portal.ids)],
            }
            for contact in contacts
        ]
    )
    env.flush_all()
    env.invalidate_all()
    return program, partners, contacts


def main():
    args = bench_common.parse_args(
        __doc__, "-n", "--partners", default=500, size_env="PRM_BENCH_PARTNERS"
    )
    from odoo import fields

    with bench_common.odoo_env(args, "prm.training.program", "prm_training") as env:
        start = time.perf_counter()
        program, partners, contacts = build(env, args.partners)
        print(
            f"setup: {len(partners)} partners, {len(contacts)} portal contacts "
            f"in {time.perf_counter() - start:.1f} s"
        )
        half = len(partners) // 2
        base = bench_common.measure(
            env,
            lambda: partners[:half]
            .with_context(prm_training_no_auto_enroll=True)
            .write({"prm_stage": "onboarding"}),
        ).report("stage change without training (baseline)", half, "partners")
        enrolled = bench_common.measure(
            env, lambda: partners[half:].write({"prm_stage": "onboarding"})
        ).report(
            "stage change with automatic enrollment", len(partners) - half, "partners"
        )
        print(f"  training share: {enrolled - base} SQL queries")
        program.action_enroll_targeted()
        enrollments = env["prm.training.enrollment"].search(
            [("program_id", "=", program.id)]
        )
        # half of the contacts finished every lesson (straight in SQL: the
        # benchmark is about progress and issuing, not about clicking)
        finished = contacts[: len(contacts) // 2]
        slides = program.channel_ids.slide_ids
        env["slide.slide.partner"].create(
            [
                {"slide_id": slide.id, "partner_id": contact.id, "completed": False}
                for slide in slides
                for contact in finished
            ]
        )
        env.flush_all()
        env.cr.execute(
            "UPDATE slide_slide_partner SET completed = TRUE "
            "WHERE partner_id = ANY(%s)",
            [finished.ids],
        )
        env.cr.execute(
            """
            UPDATE slide_channel_partner
               SET completion = 100, member_status = 'completed'
             WHERE partner_id = ANY(%s)
            """,
            [finished.ids],
        )
        env.invalidate_all()
        full = bench_common.measure(env, enrollments._prm_refresh_progress).report(
            "progress refresh (issues certifications)", len(enrollments), "enrollments"
        )
        small = enrollments.filtered(lambda e: e.state != "completed")[:10]
        small_queries = bench_common.measure(env, small._prm_refresh_progress).report(
            "progress refresh, 10 enrollments", len(small), "enrollments"
        )
        progress = bench_common.measure(
            env, lambda: partners.mapped("prm_training_progress")
        ).report("partner progress compute", len(partners), "partners")
        certified = env["prm.certification"].search(
            [("training_enrollment_id", "in", enrollments.ids)]
        )
        due_day = fields.Date.context_today(env.user) + timedelta(days=340)
        cron = bench_common.measure(
            env, lambda: env["prm.training.renewal"]._prm_renew(certified, due_day)
        )
        cron.report("re-certification cron", len(certified), "certifications")
        renewals = cron.result
        print(
            f"certifications issued: {len(certified)}, re-enrolled: {len(renewals)}; "
            f"progress refresh of {len(enrollments)} vs 10 enrollments: "
            f"{full} vs {small_queries} SQL queries; partner progress: {progress}"
        )


if __name__ == "__main__":
    main()
