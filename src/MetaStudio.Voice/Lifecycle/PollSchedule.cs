using System;

namespace MetaStudio.Voice.Lifecycle
{
    /// <summary>
    /// When to look at a job again: the base interval while it moves, backing off (×1.5, up to 8× the
    /// base or 10 minutes) while it sits in one state, with ±20 % jitter so many waiters never poll in step.
    /// </summary>
    internal sealed class PollSchedule
    {
        private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);
        private readonly TimeSpan _base;
        private readonly Random _random;
        private TimeSpan _current;

        public PollSchedule(TimeSpan baseInterval, Random random)
        {
            _base = baseInterval;
            _current = baseInterval;
            _random = random;
        }

        public TimeSpan Current => _current;

        /// <summary>The delay before the next poll, given whether the last poll saw a change.</summary>
        public TimeSpan Next(bool changed)
        {
            if (changed)
            {
                _current = _base;
            }
            else
            {
                var cap = TimeSpan.FromTicks(Math.Min(_base.Ticks * 8, Math.Max(MaxBackoff.Ticks, _base.Ticks)));
                _current = TimeSpan.FromTicks(Math.Min((long)(_current.Ticks * 1.5), cap.Ticks));
            }
            var jitter = 0.8 + _random.NextDouble() * 0.4;
            return TimeSpan.FromTicks((long)(_current.Ticks * jitter));
        }
    }
}
