import java.util.*; import org.iotevent.signature.*;
public class OpenSet {
  public static void main(String[] a) throws Exception {
    String[] files={"12_27jdgn_cz.txt","12_31tuya_cz.txt","12_31jdsp_cz.txt","12_31samsung_dp.txt","12_30samsung_renti.txt"};
    Map<String,List<Research.S>> all=new LinkedHashMap<>(); for (String f: files) all.put(f, Research.load(f));
    double[] qs={0.95}; double[] margins={Double.parseDouble(a[1])}; double floor=Double.parseDouble(a[0]);
    for (double margin: margins) for (double qq: qs) {
    System.out.printf("q=%.2f margin=%.1f%n",qq,margin);
    for (String f: files) {
      List<Research.S> s=all.get(f); int reps=100; double acc=0, rej=0; int foreignN=0; double tauSum=0;
      for (int seed=0; seed<reps; seed++) {
        Set<Integer> te=Research.split(s,seed); List<Research.S> tr=new ArrayList<>(); for(int i=0;i<s.size();i++) if(!te.contains(i)) tr.add(s.get(i));



        AlignmentClassifier c=AlignmentClassifier.calibrated(tr.stream().map(Research.S::v).toList(), tr.stream().map(Research.S::label).toList(),1,new OpenSetRule(qq,margin,floor)); tauSum+=c.threshold();
        int ok=0; for (int i: te) if (s.get(i).label().equals(c.match(s.get(i).v()).label())) ok++;
        acc+=(double)ok/te.size();
        if (seed<10) for (var e: all.entrySet()) if (!e.getKey().equals(f)) for (Research.S x: e.getValue()) { foreignN++; if (c.match(x.v()).unknown()) rej++; }
      }
      System.out.printf("  %-24s tau %.3f known-acc %5.1f  foreign rejected %5.1f%%%n", f, tauSum/reps, 100*acc/reps, 100*rej/foreignN);
    }}
  }
}
