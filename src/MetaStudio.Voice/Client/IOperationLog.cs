namespace MetaStudio.Voice.Client
{
    /// <summary>
    /// Where plain classes tell what they do. Callable from any thread; the cmdlet side queues the
    /// messages and writes them from the pipeline thread, redacted.
    /// </summary>
    internal interface IOperationLog
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }

    internal sealed class NullOperationLog : IOperationLog
    {
        public static readonly NullOperationLog Instance = new NullOperationLog();
        private NullOperationLog() { }
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
    }
}
