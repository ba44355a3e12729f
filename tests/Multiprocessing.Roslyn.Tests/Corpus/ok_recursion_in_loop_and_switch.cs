// expect: none
// self-starts under a loop or a switch
using Multiprocessing;

public static partial class Fan
{
    [ProcessTarget]
    public static void Out(int width)
    {
        for (var i = 0; i < width; i++)
        {
            Targets.Out.Start(width - 1).Join();
        }

        switch (width)
        {
            case > 10:
                Targets.Out.Start(width / 2).Join();
                break;
        }
    }
}
