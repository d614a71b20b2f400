from bot.cli import main

# Guarded: worker processes (attachments.pool) may import the main module; they must not run the bot.
if __name__ == "__main__":
    raise SystemExit(main())
