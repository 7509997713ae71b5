using System.IO.Compression;

namespace MetaStudio.Voice.Emulator;

/// <summary>How much the emulator inspects uploaded training data when a job is committed.</summary>
public enum ReceiptCheckMode
{
    /// <summary>No inspection (only "was something uploaded").</summary>
    Off,
    /// <summary>
    /// Default. PACKAGE uploads that are zip archives are fully checked (layout and every .wav); an upload that is not a
    /// zip archive at all (no "PK" signature at byte 0, e.g. the random bytes byte-level upload tests send) is not
    /// inspected. SEGMENT jobs: every index's .wav and .txt must be present.
    /// </summary>
    Lenient,
    /// <summary>As Lenient, but a PACKAGE upload that is not a zip fails, and SEGMENT .wav files must be readable WAVs.</summary>
    Strict,
}

/// <summary>
/// What the service checks on receipt, emulated at commit time. A failed check sends the job to AUDIT_FAILED at the
/// end of the system audit: SYSTEM_AUDITING → AUDIT_FAILED after one StepDelay (immediately on commit when StepDelay
/// is null), with <c>system_audit_result.errors</c> naming the files. Error codes (the emulator's choice; the real
/// voice-training codes are undocumented):
/// <list type="bullet">
/// <item><c>MSS.40000002</c>: a file is missing, misnamed, not at the zip root, or the package is not a zip.</item>
/// <item><c>MSS.40000003</c>: a .wav is not readable audio (not RIFF....WAVE, no 'fmt ' or 'data' chunk, truncated header).</item>
/// </list>
/// Rules: PACKAGE zips hold their files at the root; BASIC exactly the pairs 0.wav/0.txt … 19.wav/19.txt and MIDDLE
/// 0 … 99 (a missing half of a pair and any other file name are errors); ADVANCE and THIRD_PARTY exactly one .wav at the
/// root (other root files are ignored). Every .wav so accepted must be readable. SEGMENT: every index 0..n-1 has its
/// .wav and .txt stored. Skipped entirely in DiscardUploads mode (nothing kept) and when <see cref="ReceiptCheckMode.Off"/>.
/// </summary>
internal static class ReceiptChecks
{
    public const string MissingOrMisnamedCode = "MSS.40000002";
    public const string UnreadableAudioCode = "MSS.40000003";

    /// <summary>
    /// Inspects what the job has uploaded, outside the job lock. Returns the audit errors (empty = passes).
    /// Unknown jobs and jobs that cannot be committed return empty: the commit itself reports those.
    /// </summary>
    public static IReadOnlyList<AuditError> Inspect(EmulatorServices s, string projectId, string jobId)
    {
        var mode = s.Options.ReceiptChecks;
        if (mode == ReceiptCheckMode.Off || s.Options.DiscardUploads) return [];
        (string JobType, string CreateType, int SegmentCount, bool Committable) job;
        try
        {
            job = s.Jobs.Update(projectId, jobId, j => (j.JobType, j.CreateType, j.SegmentCount,
                j.State is JobStates.Creating or JobStates.AuditFailed));
        }
        catch (ApiException)
        {
            return [];
        }
        if (!job.Committable) return [];
        return job.CreateType == "SEGMENT"
            ? InspectSegments(s, projectId, jobId, job.SegmentCount, mode)
            : InspectPackage(s, projectId, jobId, job.JobType, mode);
    }

    /// <summary>Call with the job lock held, right before <see cref="JobStateMachine.Commit"/>.</summary>
    public static void BeforeCommit(EmulatorJob job, IReadOnlyList<AuditError> errors) => job.ReceiptErrors = errors;

    /// <summary>With no StepDelay the system audit finishes at once: a failed receipt check ends in AUDIT_FAILED on commit.</summary>
    public static void AfterCommit(EmulatorJob job, TimeSpan? stepDelay, DateTimeOffset now)
    {
        if (job.ReceiptErrors is { Count: > 0 } && stepDelay is null && job.State == JobStates.SystemAuditing)
            JobStateMachine.Force(job, JobStates.AuditFailed, now);
    }

    private static IReadOnlyList<AuditError> InspectSegments(EmulatorServices s, string projectId, string jobId, int count, ReceiptCheckMode mode)
    {
        var errors = new List<AuditError>();
        for (var i = 0; i < count; i++)
        {
            var wav = s.Objects.Find(UploadLayout.Bucket, UploadLayout.SegmentAudioKey(projectId, jobId, i));
            var txt = s.Objects.Find(UploadLayout.Bucket, UploadLayout.SegmentTextKey(projectId, jobId, i));
            if (wav is null) errors.Add(new AuditError($"{i}.wav", $"{i}.txt", MissingOrMisnamedCode, $"{i}.wav is missing."));
            if (txt is null) errors.Add(new AuditError($"{i}.wav", $"{i}.txt", MissingOrMisnamedCode, $"{i}.txt is missing."));
            if (mode == ReceiptCheckMode.Strict && wav?.FilePath is { } path && WavProbe.TryRead(path, out var problem) is null)
                errors.Add(new AuditError($"{i}.wav", $"{i}.txt", UnreadableAudioCode, $"{i}.wav is not readable audio: {problem}."));
        }
        return errors;
    }

    private static IReadOnlyList<AuditError> InspectPackage(EmulatorServices s, string projectId, string jobId, string jobType, ReceiptCheckMode mode)
    {
        var stored = s.Objects.Find(UploadLayout.Bucket, UploadLayout.PackageKey(projectId, jobId));
        if (stored?.FilePath is not { } path || !File.Exists(path)) return [];
        const string zipName = "data.zip";
        if (!WavProbe.LooksLikeZip(path))
        {
            return mode == ReceiptCheckMode.Strict
                ? [new AuditError(zipName, null, MissingOrMisnamedCode, $"{zipName} is not a zip archive.")]
                : [];
        }
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return CheckArchive(zip, jobType);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return [new AuditError(zipName, null, MissingOrMisnamedCode, $"{zipName} is not a readable zip archive: {e.Message}")];
        }
    }

    internal static IReadOnlyList<AuditError> CheckArchive(ZipArchive zip, string jobType)
    {
        var errors = new List<AuditError>();
        var files = zip.Entries.Where(e => !e.FullName.EndsWith('/') && !e.FullName.EndsWith('\\')).ToList();
        var root = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in files)
        {
            if (entry.FullName.Contains('/') || entry.FullName.Contains('\\'))
            {
                var isWav = entry.Name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);
                errors.Add(new AuditError(isWav ? entry.FullName : null, isWav ? null : entry.FullName, MissingOrMisnamedCode,
                    $"{entry.FullName} is not at the root of the zip."));
                continue;
            }
            root.TryAdd(entry.FullName, entry);
        }

        var pairs = Editions.SegmentCount(jobType);
        if (pairs > 0)
        {
            var expected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < pairs; i++)
            {
                string wav = $"{i}.wav", txt = $"{i}.txt";
                expected.Add(wav);
                expected.Add(txt);
                var hasWav = root.TryGetValue(wav, out var wavEntry);
                if (!hasWav) errors.Add(new AuditError(wav, txt, MissingOrMisnamedCode, $"{wav} is missing (pair {i} of 0..{pairs - 1})."));
                if (!root.ContainsKey(txt)) errors.Add(new AuditError(wav, txt, MissingOrMisnamedCode, $"{txt} is missing (pair {i} of 0..{pairs - 1})."));
                if (hasWav && WavProbe.TryRead(wavEntry!, out var problem) is null)
                    errors.Add(new AuditError(wav, txt, UnreadableAudioCode, $"{wav} is not readable audio: {problem}."));
            }
            foreach (var name in root.Keys.Where(n => !expected.Contains(n)).Order(StringComparer.Ordinal))
            {
                var isWav = name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);
                errors.Add(new AuditError(isWav ? name : null, isWav ? null : name, MissingOrMisnamedCode,
                    $"{name} is not an expected file name ({jobType} wants 0.wav/0.txt … {pairs - 1}.wav/{pairs - 1}.txt)."));
            }
            return errors;
        }

        var wavs = root.Where(kv => kv.Key.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        if (wavs.Count == 0)
        {
            errors.Add(new AuditError(null, null, MissingOrMisnamedCode, $"The zip holds no .wav file at its root ({jobType} wants exactly one)."));
        }
        else if (wavs.Count > 1)
        {
            foreach (var (name, _) in wavs)
                errors.Add(new AuditError(name, null, MissingOrMisnamedCode, $"{name}: the zip holds {wavs.Count} .wav files; {jobType} wants exactly one."));
        }
        foreach (var (name, entry) in wavs)
        {
            if (WavProbe.TryRead(entry, out var problem) is null)
                errors.Add(new AuditError(name, null, UnreadableAudioCode, $"{name} is not readable audio: {problem}."));
        }
        return errors;
    }
}
