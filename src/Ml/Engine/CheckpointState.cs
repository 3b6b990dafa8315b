using System.Text;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Platform.Ml.Engine;

/// <summary>Where a run stands: everything besides the tensors that a resumed run needs to continue exactly.</summary>
internal sealed record CheckpointState
{
    public required string Template { get; init; }

    public required int TemplateVersion { get; init; }

    public required int Seed { get; init; }

    /// <summary>What the run trains on (classes, input shape, train and validation items); a resume on other data is refused.</summary>
    public string? DataFingerprint { get; init; }

    public long Step { get; set; }

    public int Epoch { get; set; }

    public int BatchInEpoch { get; set; }

    public double TrainSeconds { get; set; }

    public double TrainBudgetSeconds { get; set; }

    public long? TotalSteps { get; set; }

    public double BestMetric { get; set; } = double.NegativeInfinity;

    public long BestStep { get; set; } = -1;

    public int EvaluationsSinceBest { get; set; }

    public double LossSum { get; set; }

    public int LossCount { get; set; }
}

/// <summary>Checkpoint layout: magic, JSON state, model weights, optimizer state, best weights (may be empty).</summary>
internal static class CheckpointFormat
{
    private const string Magic = "PLATFORM-ML-CHECKPOINT-1";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static MemoryStream Write(CheckpointState state, nn.Module model, OptimizerHelper optimizer, byte[]? bestWeights)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(JsonSerializer.Serialize(state, Json));
            model.save(writer);
            optimizer.save_state_dict(writer);
            writer.Write(bestWeights?.Length ?? 0);
            writer.Write(bestWeights ?? []);
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>Reads the state only; the reader is left before the model weights.</summary>
    public static CheckpointState ReadState(BinaryReader reader, string template, int version)
    {
        CheckpointState? state;
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException();
            }

            state = JsonSerializer.Deserialize<CheckpointState>(reader.ReadString(), Json);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or JsonException or IOException)
        {
            throw new MlValidationException("resumeFrom", "The checkpoint is not a Platform training checkpoint or is damaged.");
        }

        if (state is null || state.Template != template || state.TemplateVersion != version)
        {
            throw new MlValidationException("resumeFrom",
                $"The checkpoint was written by template '{state?.Template}' version {state?.TemplateVersion}; this run uses '{template}' version {version}. Start a new run instead.");
        }

        return state;
    }

    public static byte[]? ReadTensors(BinaryReader reader, nn.Module model, OptimizerHelper optimizer)
    {
        model.load(reader);
        optimizer.load_state_dict(reader);
        var length = reader.ReadInt32();
        return length == 0 ? null : reader.ReadBytes(length);
    }
}
