import java.nio.file.*; import java.util.*; import org.iotevent.signature.*;
public class Research {
  record S(String label, int[] v, double[] t) {}
  static List<S> load(String f) throws Exception {
    List<S> out=new ArrayList<>(); List<int[]> cur=new ArrayList<>(); List<Double> ts=new ArrayList<>();
    for (String line: Files.readAllLines(Path.of(System.getenv("IOTEVENTS_DIR") + "/"+f))) {
      line=line.replace("\r","");
      if (line.startsWith("\t")) { String[] p=line.strip().split("\t"); int len=Integer.parseInt(p[3])-14; cur.add(new int[]{p[2].equals("1")? len : -len}); ts.add(Double.parseDouble(p[0])); }
      else if (!line.isBlank()) { int[] v=cur.stream().mapToInt(a->a[0]).toArray(); out.add(new S(line.strip(), v, ts.stream().mapToDouble(d->d).toArray())); cur.clear(); ts.clear(); }
    }
    return out;
  }
  static Set<Integer> split(List<S> s, long seed) {
    Random r=new Random(seed); TreeMap<String,List<Integer>> by=new TreeMap<>();
    for (int i=0;i<s.size();i++) by.computeIfAbsent(s.get(i).label,x->new ArrayList<>()).add(i);
    Set<Integer> test=new HashSet<>();
    for (List<Integer> idx: by.values()) { Collections.shuffle(idx,r); int nt=(int)Math.round(0.2*idx.size()); test.addAll(idx.subList(0,nt)); }
    return test;
  }
  static String paper(List<S> tr, int[] x) {
    String best=null; long bd=Long.MAX_VALUE;
    for (S s: tr) if (s.v.length==x.length) { long d=0; for(int i=0;i<x.length;i++){long e=x[i]-s.v[i]; d+=e*e;} if (d<bd || (d==bd && s.label.compareTo(best)<0)) {bd=d;best=s.label;} }
    return best;
  }
  public static void main(String[] a) throws Exception {
    String[] files={"12_27jdgn_cz.txt","12_31tuya_cz.txt","12_31jdsp_cz.txt","12_31samsung_dp.txt","12_30samsung_renti.txt"};
    int reps=100;
    for (String f: files) {
      List<S> s=load(f); double accP=0, accA=0; long tP=0,tA=0; int w=Integer.parseInt(a[0]);
      java.util.function.Function<S,int[]> gaps = x -> { long[] t=new long[x.t().length]; for(int i=0;i<t.length;i++) t[i]=Math.round(x.t()[i]*1e9); return AlignmentDistance.logGaps(t); };
      for (int seed=0; seed<reps; seed++) {
        Set<Integer> te=split(s,seed); List<S> tr=new ArrayList<>(); for(int i=0;i<s.size();i++) if(!te.contains(i)) tr.add(s.get(i));
        AlignmentClassifier c=new AlignmentClassifier(tr.stream().map(S::v).toList(), tr.stream().map(gaps).toList(), tr.stream().map(S::label).toList(),1,1.0,w,AlignmentClassifier.UNCAPPED);
        int okP=0, okA=0;
        for (int i: te) { if (s.get(i).label.equals(paper(tr,s.get(i).v))) okP++; if (s.get(i).label.equals(c.match(s.get(i).v, gaps.apply(s.get(i))).label())) okA++; }
        accP+=(double)okP/te.size(); accA+=(double)okA/te.size();
      }
      System.out.printf("%-24s paper %5.1f  align %5.1f%n", f, 100*accP/reps, 100*accA/reps);
    }
  }
}
