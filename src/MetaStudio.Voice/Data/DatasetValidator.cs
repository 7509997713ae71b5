using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using MetaStudio.Voice.Model;

namespace MetaStudio.Voice.Data
{
    /// <summary>
    /// Checks a dataset (folder, zip or .wav) against an edition's rules before anything is uploaded:
    /// layout, names and pairs, each WAV's header, each transcript's text, and durations. Reads headers
    /// only, so the cost does not grow with the length of the recordings. No network.
    /// </summary>
    internal static class DatasetValidator
    {
        internal const int MaxTranscriptBytes = 64 * 1024;
        private static readonly Regex SentenceName = new Regex(@"^(0|[1-9][0-9]*)\.(wav|txt)$", RegexOptions.CultureInvariant);
        private static readonly Regex LooseSentenceName = new Regex(@"^0*([0-9]+)\.(wav|txt)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static VoiceTrainingDataReport Validate(string path, TrainingDataPolicy policy, VoiceTrainingCreateType createType, CancellationToken ct)
        {
            var problems = new List<VoiceTrainingDataProblem>();
            var files = new List<VoiceTrainingDataFile>();
            var report = new VoiceTrainingDataReport
            {
                Path = path,
                Edition = policy.Edition.ToString(),
                CreateType = EditionInfo.CreateTypeValue(createType),
                LimitsSource = policy.LimitsSource,
            };

            if (createType == VoiceTrainingCreateType.Segment && policy.SingleRecording)
            {
                problems.Add(Error("CreateTypeNotSupported", null, $"The {policy.Edition} edition takes one package; sentence-by-sentence upload (Segment) is for the Basic and Advanced editions."));
                return Finish(report, files, problems);
            }
            var lone = File.Exists(path) && !path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            if (lone && !path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(Error("WrongFileType", Path.GetFileName(path), $"'{Path.GetExtension(path)}' is not training data: pass a .zip, a folder of .wav/.txt files or a .wav."));
                return Finish(report, files, problems);
            }

            DataSource source;
            try { source = DataSource.Open(path); }
            catch (InvalidDataException ex)
            {
                problems.Add(Error("ZipUnreadable", Path.GetFileName(path), $"The zip cannot be read ({ex.Message}). Create it again, e.g. with Compress-Archive or New-VoiceTrainingPackage."));
                return Finish(report, files, problems);
            }

            using (source)
            {
                var data = new List<DataEntry>();
                foreach (var entry in source.Entries)
                {
                    var ext = entry.Extension.ToLowerInvariant();
                    if (entry.IsNested)
                    {
                        problems.Add(source.IsZip
                            ? Error("NestedFolder", entry.Name, "Files must sit at the root of the zip, not in a folder. Zip the files themselves, not the folder that holds them (or use New-VoiceTrainingPackage).")
                            : Warning("NestedFolder", entry.Name, "Files in subfolders are not part of the training data and are left out of the upload."));
                        continue;
                    }
                    if (ext != ".wav" && ext != ".txt")
                    {
                        problems.Add(source.IsZip
                            ? Error("ExtraFile", entry.Name, "The zip holds a file that is not training data (.wav/.txt). Remove it from the zip.")
                            : Warning("ExtraFile", entry.Name, "Not training data (.wav/.txt); it is left out of the upload."));
                        continue;
                    }
                    data.Add(entry);
                }

                CheckLayout(data, policy, problems);

                var total = TimeSpan.Zero;
                foreach (var entry in data)
                {
                    ct.ThrowIfCancellationRequested();
                    var file = entry.Extension.Equals(".wav", StringComparison.OrdinalIgnoreCase)
                        ? CheckAudio(entry, policy, problems)
                        : CheckTranscript(entry, problems);
                    var m = SentenceName.Match(entry.FileName);
                    if (m.Success && !policy.SingleRecording) file.Index = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    total += file.Duration ?? TimeSpan.Zero;
                    files.Add(file);
                }
                report.TotalDuration = total;

                if (files.Any(f => f.Kind == VoiceTrainingDataFileKind.Audio && f.Duration.HasValue))
                {
                    if (policy.MinTotal.HasValue && total < policy.MinTotal.Value)
                        problems.Add(Error("TotalTooShort", null, $"The recordings last {Format(total)}; {policy.Edition} needs at least {Format(policy.MinTotal.Value)} ({policy.LimitsSource} limits). Record more."));
                    if (policy.MaxTotal.HasValue && total > policy.MaxTotal.Value)
                        problems.Add(Error("TotalTooLong", null, $"The recordings last {Format(total)}; {policy.Edition} takes at most {Format(policy.MaxTotal.Value)} ({policy.LimitsSource} limits). Trim them."));
                }
            }
            return Finish(report, files, problems);
        }

        private static VoiceTrainingDataReport Finish(VoiceTrainingDataReport report, List<VoiceTrainingDataFile> files, List<VoiceTrainingDataProblem> problems)
        {
            report.Files = files;
            report.Problems = problems;
            return report;
        }

        private static void CheckLayout(List<DataEntry> data, TrainingDataPolicy policy, List<VoiceTrainingDataProblem> problems)
        {
            var wavs = data.Where(e => e.Extension.Equals(".wav", StringComparison.OrdinalIgnoreCase)).ToList();
            if (policy.SingleRecording)
            {
                if (wavs.Count == 0)
                    problems.Add(Error("NoRecording", null, $"{policy.Edition} trains from one long .wav recording, and there is none."));
                else if (wavs.Count > 1)
                    problems.Add(Error("TooManyRecordings", null, $"{policy.Edition} trains from one long recording, and there are {wavs.Count} .wav files ({string.Join(", ", wavs.Take(5).Select(w => w.Name))}). Join them into one file."));
                foreach (var txt in data.Except(wavs))
                    problems.Add(Warning("UnexpectedTranscript", txt.Name, $"{policy.Edition} needs no transcripts: the service recognises the text itself. The file is not needed."));
                return;
            }

            var max = policy.Sentences;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in data)
            {
                var exact = SentenceName.Match(entry.FileName);
                if (exact.Success && int.TryParse(exact.Groups[1].Value, out var index) && index < max)
                {
                    seen.Add(entry.FileName);
                    continue;
                }
                var loose = LooseSentenceName.Match(entry.FileName);
                if (loose.Success && int.TryParse(loose.Groups[1].Value, out var looseIndex) && looseIndex < max)
                {
                    var proper = looseIndex + "." + loose.Groups[2].Value.ToLowerInvariant();
                    problems.Add(Error("MisnamedFile", entry.Name, $"Rename it to {proper}: {policy.Edition} files are named 0.wav/0.txt to {max - 1}.wav/{max - 1}.txt, lower case, no leading zeros."));
                    seen.Add(proper);
                    continue;
                }
                problems.Add(Error("ExtraFile", entry.Name, $"{policy.Edition} takes exactly {max} sentence pairs named 0.wav/0.txt to {max - 1}.wav/{max - 1}.txt; this file is not one of them. Remove or rename it."));
            }
            for (var i = 0; i < max; i++)
            {
                if (!seen.Contains(i + ".wav")) problems.Add(Error("MissingAudio", i + ".wav", $"Sentence {i} has no recording: add {i}.wav."));
                if (!seen.Contains(i + ".txt")) problems.Add(Error("MissingTranscript", i + ".txt", $"Sentence {i} has no transcript: add {i}.txt with exactly what is said in {i}.wav."));
            }
        }

        private static VoiceTrainingDataFile CheckAudio(DataEntry entry, TrainingDataPolicy policy, List<VoiceTrainingDataProblem> problems)
        {
            var file = new VoiceTrainingDataFile { Name = entry.Name, Kind = VoiceTrainingDataFileKind.Audio, Size = entry.Size };
            WavInfo info;
            using (var stream = entry.Open())
                info = WavReader.Read(stream, entry.Name, entry.Size);
            foreach (var issue in info.Issues)
                problems.Add(new VoiceTrainingDataProblem(issue.Code, issue.Severity == WavIssueSeverity.Error ? VoiceTrainingDataSeverity.Error : VoiceTrainingDataSeverity.Warning, entry.Name, issue.Message));
            if (!info.IsReadable) return file;

            file.Duration = info.Duration;
            file.Format = info.FormatName;
            file.SampleRate = info.SampleRate;
            file.Channels = info.Channels;
            file.BitsPerSample = info.ValidBitsPerSample > 0 ? info.ValidBitsPerSample : info.BitsPerSample;

            if (info.SampleRate < TrainingDataPolicy.MinSampleRate)
                problems.Add(Error("SampleRateTooLow", entry.Name, $"Recorded at {info.SampleRate} Hz; voice training needs at least {TrainingDataPolicy.MinSampleRate} Hz (44100 or 48000 recommended). Record again at a higher rate; resampling cannot add what was not recorded."));
            if (info.Channels != TrainingDataPolicy.RequiredChannels)
                problems.Add(Error("NotMono", entry.Name, $"The file has {info.Channels} channels; record or export mono (e.g. ffmpeg -i in.wav -ac 1 out.wav)."));
            var isFloat = (info.FormatName ?? "").IndexOf("FLOAT", StringComparison.OrdinalIgnoreCase) >= 0;
            if (isFloat)
                problems.Add(Warning("FloatSamples", entry.Name, "The samples are floating point; export 16- or 24-bit PCM (e.g. ffmpeg -i in.wav -c:a pcm_s16le out.wav)."));
            else if (file.BitsPerSample < 16)
                problems.Add(Error("BitDepthTooLow", entry.Name, $"{file.BitsPerSample}-bit audio is too coarse for voice training; record 16- or 24-bit PCM."));
            else if (file.BitsPerSample > 24)
                problems.Add(Warning("BitDepthUnusual", entry.Name, $"{file.BitsPerSample}-bit integer PCM is unusual; export 16- or 24-bit PCM."));

            if (!policy.SingleRecording)
            {
                if (info.Duration > TrainingDataPolicy.MaxClip)
                    problems.Add(Error("ClipTooLong", entry.Name, $"The sentence lasts {Format(info.Duration)}; a sentence may last at most {Format(TrainingDataPolicy.MaxClip)} or training fails. Split it or record it again."));
                else if (info.Duration < TrainingDataPolicy.MinClip)
                    problems.Add(Warning("ClipTooShort", entry.Name, $"The sentence lasts {Format(info.Duration)}; sentences of {Format(TrainingDataPolicy.MinClip)} to {Format(TrainingDataPolicy.MaxClip)} train best."));
            }
            return file;
        }

        private static VoiceTrainingDataFile CheckTranscript(DataEntry entry, List<VoiceTrainingDataProblem> problems)
        {
            var file = new VoiceTrainingDataFile { Name = entry.Name, Kind = VoiceTrainingDataFileKind.Transcript, Size = entry.Size };
            if (entry.Size > MaxTranscriptBytes)
            {
                problems.Add(Error("TranscriptTooLong", entry.Name, $"The transcript is {entry.Size} bytes; a sentence's transcript is a line of text. Check that this is the right file."));
                return file;
            }
            byte[] bytes;
            using (var stream = entry.Open())
            using (var buffer = new MemoryStream())
            {
                stream.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            var offset = 0;
            if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                offset = 3;
                problems.Add(Warning("TranscriptHasBom", entry.Name, "The transcript starts with a UTF-8 byte order mark; save it as UTF-8 without BOM."));
            }
            else if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                problems.Add(Error("TranscriptNotUtf8", entry.Name, "The transcript is UTF-16; save it as UTF-8."));
                return file;
            }
            string text;
            try { text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset); }
            catch (DecoderFallbackException)
            {
                problems.Add(Error("TranscriptNotUtf8", entry.Name, "The transcript is not valid UTF-8 (GBK or another code page?); save it as UTF-8."));
                return file;
            }
            if (text.Trim().Length == 0)
                problems.Add(Error("TranscriptEmpty", entry.Name, "The transcript is empty; write exactly what is said in the matching .wav."));
            file.Text = text.Length > 200 ? text.Substring(0, 200) : text;
            return file;
        }

        private static VoiceTrainingDataProblem Error(string code, string? file, string message) => new VoiceTrainingDataProblem(code, VoiceTrainingDataSeverity.Error, file, message);

        private static VoiceTrainingDataProblem Warning(string code, string? file, string message) => new VoiceTrainingDataProblem(code, VoiceTrainingDataSeverity.Warning, file, message);

        private static string Format(TimeSpan t) => t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s" : $"{t.TotalSeconds:0.#} s";
    }
}
