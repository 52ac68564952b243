"""``ctct bench AREA``: one module per area.

``tree``, ``cascade``, ``conferences``, ``ingest`` and ``plans`` are Django areas (``add_arguments(parser)``
and ``run(command, **options)``, run by the ``bench`` management command in a scratch
database); ``text`` and ``extract`` are plain Python (``main(argv)``), dispatched by
``ctct.cli`` before Django loads. Nothing here imports Django.
"""
