// expect: MP0003@9
// async void: the parent cannot tell when it ends
using System.Threading.Tasks;
using Multiprocessing;

public static partial class Workers
{
    [ProcessTarget]
    public static async void Fire(int ms) => await Task.Delay(ms);  // MP0003
}
