using System.Security.Cryptography;
using System.Text;
using Platform.Ml.Templates;

namespace Platform.Ml.Engine;

/// <summary>A hash of what a run trains on: class names, input size and channels, and the train and validation item ids in order.</summary>
internal static class DataFingerprint
{
    public static string Of(PreparedTask task)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => hash.AppendData(Encoding.UTF8.GetBytes(text + "\n"));
        var input = task.Manifest.Input;
        Add($"{task.Manifest.Task}|{input.Kind}|{input.ImageSize}|{input.Channels}|{input.Columns?.Count}");
        foreach (var name in task.Manifest.ClassNames) Add("class:" + name);
        foreach (var id in task.Train.Ids) Add("train:" + id);
        if (!ReferenceEquals(task.Validation, task.Train))
        {
            foreach (var id in task.Validation.Ids) Add("validation:" + id);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
