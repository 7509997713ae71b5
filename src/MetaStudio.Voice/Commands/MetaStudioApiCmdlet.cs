using System.Management.Automation;
using MetaStudio.Voice.Client;
using MetaStudio.Voice.Data;
using MetaStudio.Voice.Model;
using MetaStudio.Voice.Session;

namespace MetaStudio.Voice.Commands
{
    /// <summary>A cmdlet that calls the service: adds -Session and finds the session to use.</summary>
    public abstract class MetaStudioApiCmdlet : MetaStudioCmdlet
    {
        /// <summary>
        /// <para type="description">The session to use instead of the one Connect-MetaStudio stored in $MetaStudioSession.</para>
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public MetaStudioSession? Session { get; set; }

        /// <summary>
        /// <para type="description">Retries after a transient failure for this call, instead of the session's (Connect-MetaStudio -MaxRetry, default 3).</para>
        /// </summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int? MaxRetry { get; set; }

        /// <summary>Runs <paramref name="body"/> for each job id; a failure is that id's error record and the rest go on.</summary>
        internal void ForEachJobId(System.Collections.Generic.IEnumerable<string> jobIds, System.Action<string, MetaStudioSession> body)
        {
            foreach (var id in jobIds)
            {
                try { body(id, ResolveSession()); }
                catch (System.Exception ex) { WriteFailure(ex, id); }
            }
        }

        /// <summary>The retry policy of this call: -MaxRetry, else the session's.</summary>
        internal RetryPolicy RetryFor(MetaStudioSession session)
            => MaxRetry.HasValue ? new RetryPolicy(MaxRetry.Value, session.Retry.BaseDelay, session.Retry.MaxDelay) : session.Retry;

        /// <summary>The REST operations, with this call's retry policy.</summary>
        internal VoiceTrainingApi ApiFor(MetaStudioSession session)
            => MaxRetry.HasValue ? new VoiceTrainingApi(session.Client, RetryFor(session)) : session.Api;

        /// <summary>
        /// The session for a call: -Session, else the session the job came from (if still connected),
        /// else $MetaStudioSession; otherwise an error that says to connect.
        /// </summary>
        internal MetaStudioSession ResolveSession(VoiceTrainingJob? job = null)
        {
            if (Session != null) return EnsureConnected(Session);
            if (job?.Session != null && job.Session.IsConnected) return job.Session;
            var value = SessionState.PSVariable.GetValue(MetaStudioSession.VariableName);
            if (value is PSObject pso) value = pso.BaseObject;
            if (value is MetaStudioSession session) return EnsureConnected(session);
            throw new MetaStudioException("NoSession", MetaStudioErrorKind.InvalidOperation,
                "Not connected to MetaStudio. Run Connect-MetaStudio first, or pass a session with -Session.");
        }

        private static MetaStudioSession EnsureConnected(MetaStudioSession session)
        {
            if (!session.IsConnected)
                throw new MetaStudioException("SessionClosed", MetaStudioErrorKind.InvalidOperation,
                    "This MetaStudio session was closed by Disconnect-MetaStudio. Run Connect-MetaStudio again.");
            return session;
        }

        /// <summary>The X-App-UserId of a call: the cmdlet's -AppUserId, else the session's default.</summary>
        internal static string? AppUserIdFor(string? explicitValue, MetaStudioSession session)
            => string.IsNullOrEmpty(explicitValue) ? session.AppUserId : explicitValue;

        private readonly System.Collections.Generic.Dictionary<(MetaStudioSession, VoiceTrainingEdition), TrainingDataPolicy> _policies
            = new System.Collections.Generic.Dictionary<(MetaStudioSession, VoiceTrainingEdition), TrainingDataPolicy>();

        /// <summary>
        /// The data rules for an edition: the defaults, with the tenant's duration limits when a session
        /// can fetch them (once per command, per session and edition).
        /// </summary>
        internal TrainingDataPolicy PolicyFor(VoiceTrainingEdition edition, MetaStudioSession? session)
        {
            var policy = TrainingDataPolicy.For(edition);
            if (session == null) return policy;
            if (_policies.TryGetValue((session, edition), out var cached)) return cached;
            try
            {
                var limits = Lifecycle.Quotas.Durations(Await(ct => ApiFor(session).ShowTenantDurationCfgAsync(Log, ct)));
                policy = policy.WithTenantLimits(System.Linq.Enumerable.FirstOrDefault(limits, l => l.Edition == edition.ToString()));
            }
            catch (MetaStudioException ex)
            {
                WriteVerbose($"Could not read the tenant's duration limits ({ex.ErrorId}); checking against the defaults.");
            }
            _policies[(session, edition)] = policy;
            return policy;
        }

        /// <summary>The session if one is at hand, else null (for commands that work offline too).</summary>
        internal MetaStudioSession? TryResolveSession(VoiceTrainingJob? job = null)
        {
            try { return ResolveSession(job); }
            catch (MetaStudioException ex) when (ex.ErrorId == "NoSession" && Session == null) { return null; }
        }

        /// <summary>X-App-UserId must be ASCII (the service refuses Chinese characters).</summary>
        internal static void ValidateAppUserId(string? value) => AppUserIds.Validate(value);
    }
}
