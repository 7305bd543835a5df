"""Domain errors raised by the engine; the platform turns them into messages."""

__all__ = [
    "EngineError",
    "InvalidAnswers",
    "InvalidTradeData",
    "SchedulerUnavailable",
    "UnknownCountry",
    "UnknownYear",
]


class EngineError(Exception):
    """Base class of every error the engine raises on bad input."""


class InvalidTradeData(EngineError):
    """Trade data that cannot be used: a bad file, line, column or value.

    The message names the file, the line and the reason where they are known.
    """


class UnknownYear(EngineError):
    """A year was asked for that the data does not hold."""


class SchedulerUnavailable(EngineError):
    """A Dask scheduler was asked for that cannot be reached or started."""


class UnknownCountry(EngineError):
    """A country code was asked for (an exporter or a market) that the data does not hold."""


class InvalidAnswers(EngineError):
    """Answers to a readiness questionnaire that cannot be scored.

    A question left unanswered, an unknown question, or an answer that is not
    one of the question's options. The message names the question(s).
    """
