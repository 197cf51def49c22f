import java.nio.file.*; import java.util.*; import org.iotevent.signature.*; import org.iotevent.evaluate.*;
public class OpenSetRules {
  public static void main(String[] a) throws Exception {
    String[] files={"12_27jdgn_cz","12_31tuya_cz","12_31jdsp_cz","12_31samsung_dp","12_30samsung_renti"};
    Map<String,Trainer> v=new LinkedHashMap<>();
    for (String r: a[1].split(";")) { String[] p=r.split(","); v.put("open q"+p[0]+" m"+p[1]+" f"+p[2], new AlignmentTrainer(new int[]{1,3,5},1,new OpenSetRule(Double.parseDouble(p[0]),Double.parseDouble(p[1]),Double.parseDouble(p[2])))); }
    int reps=Integer.parseInt(a[0]);
    for (var e: v.entrySet()) {
      StringBuilder sb=new StringBuilder(String.format("%-26s",e.getKey()));
      for (String f: files) { var s=IoTEventsReader.read(Path.of(System.getenv("IOTEVENTS_DIR") + "/"+f+".txt")).samples();
        sb.append(String.format(" %5.1f", 100*new Evaluator(e.getValue(),null,new int[0]).evaluate(s,reps,1).accuracy())); }
      System.out.println(sb);
    }
  }
}
