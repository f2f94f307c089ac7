from .cli import main

if __name__ == "__main__":  # a spawned chart worker imports this module and must not build
    raise SystemExit(main())
