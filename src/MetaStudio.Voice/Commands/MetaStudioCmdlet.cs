using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MetaStudio.Voice.Client;

namespace MetaStudio.Voice.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: Ctrl+C (StopProcessing cancels the work), the bridge
    /// that awaits plain-class work on a worker while writing its messages and progress from the
    /// pipeline thread, and ErrorRecords with stable ErrorIds.
    /// </summary>
    public abstract class MetaStudioCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly ConcurrentQueue<LogMessage> _messages = new ConcurrentQueue<LogMessage>();
        private readonly AutoResetEvent _messageSignal = new AutoResetEvent(false);
        private QueueLog? _log;

        /// <summary>How long a worker may keep running after Ctrl+C before the pipeline lets go of it.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(800);
        private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

        /// <summary>Cancelled by Ctrl+C (StopProcessing).</summary>
        protected CancellationToken CancellationToken => _cancellation.Token;

        /// <summary>Hand this to plain classes: thread-safe, written out on the pipeline thread, redacted.</summary>
        internal IOperationLog Log => _log ??= new QueueLog(this);

        protected override void StopProcessing()
        {
            try { _cancellation.Cancel(); }
            catch (ObjectDisposedException) { }
        }

        public void Dispose()
        {
            _cancellation.Dispose();
            _messageSignal.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>
        /// Runs async work on a worker and waits for it here, writing queued messages and calling
        /// <paramref name="onTick"/> (for progress) on the pipeline thread meanwhile.
        /// </summary>
        internal T Await<T>(Func<CancellationToken, Task<T>> work, Action? onTick = null)
        {
            var token = _cancellation.Token;
            var task = Task.Run(() => work(token), token);
            var handles = new WaitHandle[] { ((IAsyncResult)task).AsyncWaitHandle, _messageSignal };
            DateTime? stopSeen = null;
            while (true)
            {
                DrainMessages();
                if (task.IsCompleted) break;
                onTick?.Invoke();
                if (token.IsCancellationRequested)
                {
                    stopSeen ??= DateTime.UtcNow;
                    // The worker observes the token; if it is slow to notice, do not hold the user's prompt.
                    if (DateTime.UtcNow - stopSeen > StopGrace) throw new PipelineStoppedException();
                }
                WaitHandle.WaitAny(handles, TickInterval);
            }
            DrainMessages();
            onTick?.Invoke();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        internal void Await(Func<CancellationToken, Task> work, Action? onTick = null)
            => Await<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; }, onTick);

        /// <summary>
        /// ShouldProcess where -Force skips the confirmation prompt, but -WhatIf still wins over -Force.
        /// </summary>
        protected bool ShouldProcessUnlessForced(string target, string action, bool force)
        {
            if (!force || IsWhatIf()) return ShouldProcess(target, action);
            WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
            return true;
        }

        private bool IsWhatIf()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound))
                return bound is SwitchParameter sp ? sp.IsPresent : LanguagePrimitives.IsTrue(bound);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        /// <summary>
        /// A user's path (relative, ~, a PowerShell drive) as a file-system path; a path PowerShell cannot
        /// resolve becomes an InvalidPath error instead of the provider's exception.
        /// </summary>
        internal string ResolvePath(string path)
        {
            try
            {
                return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            }
            catch (Exception ex) when (ex is SessionStateException || ex is PSArgumentException || ex is NotSupportedException || ex is ArgumentException)
            {
                throw new MetaStudioException("InvalidPath", MetaStudioErrorKind.InvalidArgument,
                    $"'{path}' is not a file-system path PowerShell can resolve ({ex.Message}). Pass a path to a folder, a .zip or a .wav.", ex);
            }
        }

        /// <summary>Writes a non-terminating error for one failed item; the pipeline goes on.</summary>
        protected void WriteFailure(Exception exception, object? target)
        {
            if (exception is PipelineStoppedException) throw exception;
            WriteError(ToErrorRecord(exception, target));
        }

        /// <summary>Stops the whole command: for failures no later item could survive.</summary>
        protected void ThrowFailure(Exception exception, object? target)
        {
            if (exception is PipelineStoppedException) throw exception;
            ThrowTerminatingError(ToErrorRecord(exception, target));
        }

        /// <summary>Maps any exception to an ErrorRecord with a stable ErrorId and the right category.</summary>
        internal static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1)
                exception = aggregate.InnerExceptions[0];
            switch (exception)
            {
                case MetaStudioException ms:
                    return new ErrorRecord(ms, ms.ErrorId, CategoryOf(ms.Kind), target);
                case FileNotFoundException nf:
                    return Wrap("FileNotFound", MetaStudioErrorKind.NotFound, $"{nf.Message} Check the path.", nf, target);
                case DirectoryNotFoundException dnf:
                    return Wrap("FileNotFound", MetaStudioErrorKind.NotFound, $"{dnf.Message} Check the path.", dnf, target);
                case UnauthorizedAccessException ua:
                    return Wrap("FileAccessDenied", MetaStudioErrorKind.PermissionDenied, $"{ua.Message} Check the file's permissions.", ua, target);
                case IOException io:
                    return Wrap("FileReadError", MetaStudioErrorKind.ReadError, $"{io.Message} Check the file and the disk.", io, target);
                case ArgumentException arg:
                    return Wrap("InvalidArgument", MetaStudioErrorKind.InvalidArgument, arg.Message, arg, target);
                default:
                    return Wrap("UnexpectedError", MetaStudioErrorKind.InvalidOperation,
                        $"Unexpected {exception.GetType().Name}: {exception.Message}. Please report this with the command you ran.", exception, target);
            }
        }

        private static ErrorRecord Wrap(string id, MetaStudioErrorKind kind, string message, Exception inner, object? target)
        {
            var ex = new MetaStudioException(id, kind, message, inner);
            return new ErrorRecord(ex, id, CategoryOf(kind), target);
        }

        internal static ErrorCategory CategoryOf(MetaStudioErrorKind kind) => kind switch
        {
            MetaStudioErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
            MetaStudioErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
            MetaStudioErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            MetaStudioErrorKind.Authentication => ErrorCategory.AuthenticationError,
            MetaStudioErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
            MetaStudioErrorKind.Throttled => ErrorCategory.LimitsExceeded,
            MetaStudioErrorKind.LimitsExceeded => ErrorCategory.LimitsExceeded,
            MetaStudioErrorKind.ServiceError => ErrorCategory.ResourceUnavailable,
            MetaStudioErrorKind.ServiceUnavailable => ErrorCategory.ResourceUnavailable,
            MetaStudioErrorKind.Network => ErrorCategory.ConnectionError,
            MetaStudioErrorKind.Timeout => ErrorCategory.OperationTimeout,
            MetaStudioErrorKind.InvalidResponse => ErrorCategory.ProtocolError,
            MetaStudioErrorKind.ReadError => ErrorCategory.ReadError,
            MetaStudioErrorKind.Security => ErrorCategory.SecurityError,
            _ => ErrorCategory.NotSpecified,
        };

        /// <summary>Writes what workers queued. Pipeline thread only.</summary>
        private void DrainMessages()
        {
            while (_messages.TryDequeue(out var m))
            {
                switch (m.Level)
                {
                    case LogLevel.Verbose: WriteVerbose(m.Text); break;
                    case LogLevel.Debug: WriteDebug(m.Text); break;
                    case LogLevel.Warning: WriteWarning(m.Text); break;
                }
            }
        }

        private enum LogLevel { Verbose, Debug, Warning }

        private readonly struct LogMessage
        {
            public LogMessage(LogLevel level, string text) { Level = level; Text = text; }
            public LogLevel Level { get; }
            public string Text { get; }
        }

        private sealed class QueueLog : IOperationLog
        {
            private readonly MetaStudioCmdlet _owner;
            public QueueLog(MetaStudioCmdlet owner) => _owner = owner;
            public void Verbose(string message) => Enqueue(LogLevel.Verbose, message);
            public void Debug(string message) => Enqueue(LogLevel.Debug, message);
            public void Warning(string message) => Enqueue(LogLevel.Warning, message);

            private void Enqueue(LogLevel level, string message)
            {
                _owner._messages.Enqueue(new LogMessage(level, Redactor.Text(message)));
                try { _owner._messageSignal.Set(); }
                catch (ObjectDisposedException) { }
            }
        }
    }
}
